/**
 * The `basic` policy through HTTP: a master schedule given inline and by file name (inside the
 * data directory), the generated master schedule by default, its errors as 400s, hostile patch
 * names, the operator's floors, the independent check's 500, and (with the reference data and
 * the `original-2023` preset on a server with floors 0) the original's 5912-character schedule.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { planMasterSchedule } from '../src/core/planner';
import * as pipeline from '../src/core/policies/basic/pipeline';
import { scanBlock } from '../src/core/blocks/block';
import { checkerSun } from '../src/core/safety/sun';
import { US_PER_S } from '../src/core/time/micros';
import { UNSAFE_SCHEDULE_MESSAGE } from '../src/scheduler/envelope';
import { checkScriptsWithPython } from '../src/testing/python';
import { DEFAULT_PLANNER_CONFIG } from '../src/core/planner/config';
import { parseInstant } from '../src/core/time/iso';
import { toastHeader, toastRow, writeToast } from '../src/core/toast/write';
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
  let app: NestFastifyApplication;
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
    // "Success", or what the scan rules changed.
    expect(res.body.message).toMatch(/^(Success|The scan rules trimmed \d+ scans? and dropped \d+ scans?: .*\.)$/);
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

  it('keeps hostile patch names as data: the script quotes them and Python parses only known calls', async () => {
    const names = ["x');import os;os.system('id');#", "Fornax's field", 'back\\slash "q"'];
    const planned = planMasterSchedule(micros(T0), micros(T1), DEFAULT_PLANNER_CONFIG).slice(0, 3);
    const text = toastHeader() + planned.map((p, i) => `${toastRow({ ...p, patch: names[i] })}\n`).join('');
    const res = await basic({ master_schedule: text, calibration_targets: [] });
    expect(res.status).toBe(200);
    const commands: string = res.body.commands;
    expect(commands).toContain("seq.scan(description='x\\');import os;os.system(\\'id\\');#', stop_time=");
    expect(commands).toContain("description='Fornax\\'s field'");
    const [verdict] = checkScriptsWithPython([commands]);
    expect(verdict.errors).toEqual([]);
    expect(new Set(verdict.scans)).toEqual(new Set(names));
    expect(verdict.calls).not.toContain('os.system');
  });

  it('answers 400 naming line and column for a patch name with a control character', async () => {
    const planned = planMasterSchedule(micros(T0), micros(T1), DEFAULT_PLANNER_CONFIG).slice(0, 1);
    const text = toastHeader() + `${toastRow({ ...planned[0], patch: 'ab\u0007c' })}\n`;
    const res = await basic({ master_schedule: text });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'master_schedule (inline) line 4, column 85: patch name has a control character (U+0007); a patch name must be printable text of at most 64 characters',
    );
  });

  it.each([
    [{ calibration_targets: ['sun'] }, 'Invalid config: config.calibration_targets[0] is the Sun, which is never a calibration or soft target.'],
    [{ rules: { 'sun-guard': { min_distance_deg: 3 } } }, "Invalid config: config.rules.sun-guard.min_distance_deg must be at least the server's Sun floor of 10° (SCHEDULER_SUN_FLOOR_DEG) (got 3)."],
    [{ mount: { el_limits: [0, 90] } }, "Invalid config: config.mount.el_limits must lie within the server's elevation floor [20, 90] (SCHEDULER_MOUNT_EL_LIMITS) (got [0,90])."],
  ])('answers 400 for %j', async (config, message) => {
    const res = await basic(config);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 'error', message });
  });

  it('refuses the original-2023 preset on a server with the default floors, naming the floor', async () => {
    const res = await post({ t0: T0, t1: T1, policy: { policy: 'basic', preset: 'original-2023', config: {} } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/sun-guard\.min_distance_deg must be at least the server's Sun floor of 10° \(SCHEDULER_SUN_FLOOR_DEG\)/);
  });

  it('answers 500 without the script when a plan fails the independent check', async () => {
    const real = pipeline.planBasic;
    const spy = jest.spyOn(pipeline, 'planBasic').mockImplementation((...args) => {
      const plan = real(...args);
      // A scan injected at the Sun, bypassing every rule.
      const at = micros('2026-03-10 16:00');
      const sun = checkerSun(at / US_PER_S);
      const injected = scanBlock({ name: 'saturn', t0: at, t1: at + 120 * US_PER_S, az: sun.az, alt: sun.alt, throw: 1 });
      return { ...plan, scans: [...plan.scans, injected], steps: [...plan.steps, injected] };
    });
    try {
      const res = await basic({ master_schedule: 'plan.txt' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ status: 'error', message: UNSAFE_SCHEDULE_MESSAGE });
      expect(res.text).not.toMatch(/saturn|seq\.scan/);
    } finally {
      spy.mockRestore();
    }
  });

  it('names the line of a malformed inline master schedule', async () => {
    const lines = toastText.split('\n');
    lines[4] = lines[4].slice(0, 30) + 'garbage';
    const res = await basic({ master_schedule: lines.join('\n') });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/line 5/);
  });
});

describeWithReference('basic through HTTP against the original (preset original-2023, floors 0)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      env: { SCHEDULER_DATA_DIR: REFERENCE_DIR, SCHEDULER_SUN_FLOOR_DEG: '0', SCHEDULER_MOUNT_EL_LIMITS: '-90,90', SCHEDULER_MOUNT_AZ_LIMITS: '-720,720' },
    });
  });
  afterAll(() => app.close());

  it('reproduces the default-config schedule of 2023-01-01 (5912 characters, 22 groups)', async () => {
    const res = await request(app.getHttpServer())
      .post(URL)
      .set('Content-Type', 'application/json')
      .send({
        t0: '2023-01-01 00:00',
        t1: '2023-01-02 00:00:10',
        policy: JSON.stringify({ policy: 'basic', preset: 'original-2023', config: { master_schedule: 'schedule_sat.txt' } }),
      });
    expect(res.status).toBe(200);
    expect(res.body.commands).toHaveLength(5912);
    expect(groupNames(res.body.commands)).toHaveLength(22);
  });
});
