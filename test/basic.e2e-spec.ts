/**
 * The `basic` policy through HTTP: a master schedule given inline and by file name (inside the
 * data directory), the generated master schedule by default, its errors as 400s, and (with the
 * reference data) the original's 5912-character default schedule.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { planMasterSchedule } from '../src/core/planner';
import { DEFAULT_PLANNER_CONFIG } from '../src/core/planner/config';
import { parseInstant } from '../src/core/time/iso';
import { writeToast } from '../src/core/toast/write';
import { describeWithReference, REFERENCE_DIR } from '../src/testing/reference';
import { createTestApp } from './helpers/create-app';
import { pythonCompileError } from './helpers/python';

const URL = '/api/v1/schedule/';
const T0 = '2026-03-10 00:00';
const T1 = '2026-03-11 00:00';

function micros(text: string): number {
  const t = parseInstant(text);
  if (t === undefined) throw new Error(`bad time ${text}`);
  return t;
}

const groupNames = (commands: string): string[] => [...commands.matchAll(/^# (\S+)$/gm)].map((m) => m[1]);

describe('basic through HTTP', () => {
  let app: NestExpressApplication;
  let dataDir: string;
  let toastText: string;
  const post = (body: unknown) =>
    request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json').send(JSON.stringify(body));
  const basic = (config: unknown, t0 = T0, t1 = T1) => post({ t0, t1, policy: JSON.stringify({ policy: 'basic', config }) });

  beforeAll(async () => {
    // A master schedule of our own (the planner's), written in the TOAST format, as a data file.
    toastText = writeToast(planMasterSchedule(micros(T0), micros(T1), DEFAULT_PLANNER_CONFIG));
    dataDir = mkdtempSync(join(tmpdir(), 'sched-data-'));
    writeFileSync(join(dataDir, 'plan.txt'), toastText);
    app = await createTestApp({ env: { SCHEDULER_DATA_DIR: dataDir } });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('schedules an inline master schedule', async () => {
    const res = await basic({ master_schedule: toastText });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.message).toBe('Success');
    const names = groupNames(res.body.commands);
    expect(names.filter((n) => n.startsWith('DEC-')).length).toBeGreaterThan(10);
    expect(names.filter((n) => n === 'saturn' || n === 'uranus').length).toBeGreaterThan(0);
    expect([undefined, 'skipped']).toContain(pythonCompileError(res.body.commands));
  });

  it('gives the same schedule for the same master schedule by file name', async () => {
    const [byName, inline] = await Promise.all([basic({ master_schedule: 'plan.txt' }), basic({ master_schedule: toastText })]);
    expect(byName.status).toBe(200);
    expect(byName.body.commands).toBe(inline.body.commands);
  });

  it('generates the master schedule when none is named, and says so', async () => {
    const res = await basic({});
    expect(res.status).toBe(200);
    expect(res.body.message).toMatch(/master schedule was generated/);
    const names = groupNames(res.body.commands);
    expect(names.filter((n) => n.startsWith('DEC-')).length).toBeGreaterThan(10);
    // The generated plan for the day is the one the data file holds.
    const fromFile = await basic({ master_schedule: 'plan.txt' });
    expect(res.body.commands).toBe(fromFile.body.commands);
  });

  it('the same request gives the same text', async () => {
    const a = await basic({ rules: { 'make-source-scan': { preferred_length: 600 } } });
    const b = await basic({ rules: { 'make-source-scan': { preferred_length: 600 } } });
    expect(a.body.commands).toBe(b.body.commands);
  });

  it.each([
    [{ master_schedule: '../plan.txt' }, /master_schedule must name a file inside the data directory/],
    [{ master_schedule: '/etc/passwd' }, /master_schedule must name a file inside the data directory/],
    [{ master_schedule: 'missing.txt' }, /missing\.txt/],
    [{ calibration_targets: ['pluto'] }, /config\.calibration_targets\[0\] must be one of/],
    [{ rules: { 'sun-avoidance': { min_angle_az: '6' } } }, /config\.rules\.sun-avoidance\.min_angle_az must be a number/],
    [{ rules: { 'sun-avoidence': {} } }, /config\.rules\.sun-avoidence is not a known key/],
    [{ master: { elevations: [95] } }, /config\.master\.elevations/],
  ])('answers 400 for %j', async (config, message) => {
    const res = await basic(config);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 'error', message: expect.stringMatching(message) });
    expect(res.body.message).not.toContain(dataDir);
  });

  it('names the line of a malformed inline master schedule', async () => {
    const lines = toastText.split('\n');
    lines[4] = lines[4].slice(0, 30) + 'garbage';
    const res = await basic({ master_schedule: lines.join('\n') });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/line 5/);
  });
});

describeWithReference('basic through HTTP against the original', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ env: { SCHEDULER_DATA_DIR: REFERENCE_DIR } });
  });
  afterAll(() => app.close());

  it('reproduces the default-config schedule of 2023-01-01 (5912 characters, 22 groups)', async () => {
    const res = await request(app.getHttpServer())
      .post(URL)
      .set('Content-Type', 'application/json')
      .send({
        t0: '2023-01-01 00:00',
        t1: '2023-01-02 00:00:10',
        policy: JSON.stringify({ policy: 'basic', config: { master_schedule: 'schedule_sat.txt' } }),
      });
    expect(res.status).toBe(200);
    expect(res.body.commands).toHaveLength(5912);
    expect(groupNames(res.body.commands)).toHaveLength(22);
  });
});
