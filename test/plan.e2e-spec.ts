/**
 * `POST /api/v1/schedule/plan` and `GET /api/v1/policies` against the production app: the plan
 * adds blocks, summary, resolved config, Sun check and tracks to the schedule route's answer, for
 * the same request and with the same errors; the schedule route keeps its three keys; an unsafe
 * schedule is refused without its script; the catalogue matches the policies and the docs.
 */
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { scanBlock } from '../src/core/blocks/block';
import { BASIC_DEFAULTS, BASIC_PRESETS } from '../src/core/policies/basic/config';
import * as pipeline from '../src/core/policies/basic/pipeline';
import { checkerSun } from '../src/core/safety/sun';
import { parseInstant } from '../src/core/time/iso';
import { US_PER_S } from '../src/core/time/micros';
import { PLAN_EXAMPLE, PLAN_EXAMPLE_REQUEST } from '../src/scheduler/dto/plan-response.example';
import { UNSAFE_SCHEDULE_MESSAGE } from '../src/scheduler/envelope';
import { createTestApp } from './helpers/create-app';
import { AsyncHostAppModule } from './host-app/host-app.module';

const SCHEDULE = '/api/v1/schedule/';
const PLAN = '/api/v1/schedule/plan';
const DAY = { t0: '2026-12-01 00:00', t1: '2026-12-02 00:00' };
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/;

interface Block {
  name: string;
  kind: string;
  t0: string;
  t1: string;
  az: number | null;
  alt: number | null;
  throw: number | null;
}

function micros(text: string): number {
  const t = parseInstant(text);
  if (t === undefined) throw new Error(`bad time ${text}`);
  return t;
}

/** The scans of a basic script: name, then `wait_until` and `stop_time` as printed. */
function scriptScans(commands: string): string[][] {
  const re = /^# (.+)\nacu\.move_to\(\S+, \S+\)\nsmurf\.bias_dets\(\)\nwait_until\('(\S+)'\)\nsmurf\.bias_step\(\)\nseq\.scan\(description=.+, stop_time='(\S+)', width=\S+\)$/gm;
  return [...commands.matchAll(re)].map((m) => [m[1], m[2], m[3]]);
}

/** `2026-12-01T00:20:07.590329+00:00` and `2026-12-01T00:20:07.590329Z` are the same instant. */
const sameInstant = (python: string, iso: string): boolean => python.replace('+00:00', 'Z') === iso;

describe('POST /api/v1/schedule/plan and GET /api/v1/policies', () => {
  let app: NestFastifyApplication;
  const post = (url: string, body: unknown) =>
    request(app.getHttpServer()).post(url).set('Content-Type', 'application/json').send(JSON.stringify(body));

  beforeAll(async () => {
    app = await createTestApp({ env: { SCHEDULER_BODY_LIMIT: '64kb' } });
  });
  afterAll(() => app.close());

  describe('the plan', () => {
    it('answers basic with one block per scan of the same script, kinds, summary, config, a safe Sun check and tracks', async () => {
      const body = { ...DAY, policy: 'basic' };
      const [plan, schedule] = await Promise.all([post(PLAN, body), post(SCHEDULE, body)]);
      expect(plan.status).toBe(200);
      expect(Object.keys(plan.body)).toEqual(['status', 'commands', 'message', 'window', 'blocks', 'summary', 'config', 'sunCheck', 'tracks']);
      expect(plan.body.commands).toBe(schedule.body.commands);
      expect(plan.body.message).toBe(schedule.body.message);
      expect(plan.body.window).toEqual({ t0: '2026-12-01T00:00:00Z', t1: '2026-12-02T00:00:00Z' });

      const allBlocks = plan.body.blocks as Block[];
      // Parks (the telescope held away from the Sun before a scan, docs/safety.md §3) are blocks too, not scans.
      const blocks = allBlocks.filter((b) => b.kind !== 'park');
      const scans = scriptScans(plan.body.commands);
      expect(scans.length).toBeGreaterThan(10);
      expect(blocks).toHaveLength(scans.length);
      blocks.forEach((b, i) => {
        expect(b.name).toBe(scans[i][0]);
        expect(sameInstant(scans[i][1], b.t0)).toBe(true);
        expect(sameInstant(scans[i][2], b.t1)).toBe(true);
        expect(b.t0).toMatch(ISO_UTC);
        expect(['cmb', 'calibration', 'filler']).toContain(b.kind);
        expect(typeof b.az).toBe('number');
      });
      expect(new Set(blocks.map((b) => b.kind))).toEqual(new Set(['cmb', 'calibration', 'filler']));

      const s = plan.body.summary;
      expect(s.windowSeconds).toBe(86_400);
      expect(s.scanCount).toBe(blocks.length);
      expect(s.scannedSeconds + s.idleSeconds).toBeCloseTo(86_400, 6);
      const total = (s.kinds as { kind: string; seconds: number }[]).filter((k) => k.kind !== 'park').reduce((a, k) => a + k.seconds, 0);
      expect(total).toBeCloseTo(s.scannedSeconds, 6);

      expect(plan.body.config).toEqual(JSON.parse(JSON.stringify(BASIC_DEFAULTS)));

      const check = plan.body.sunCheck;
      expect(check.verdict).toBe('safe');
      expect(check.blocks).toHaveLength(allBlocks.length);
      expect(check.blocks.map((b: { index: number; name: string }) => [b.index, b.name])).toEqual(allBlocks.map((b, i) => [i, b.name]));
      expect(check.minSunDistanceDeg).toBe(Math.min(...check.blocks.map((b: { minSunDistanceDeg: number }) => b.minSunDistanceDeg)));
      expect(check.minSunDistanceDeg).toBeGreaterThanOrEqual(check.criteria.sunDistanceDeg);

      expect(plan.body.tracks.stepSeconds).toBe(600);
      expect(plan.body.tracks.sun).toHaveLength(145);
      expect(plan.body.tracks.moon[0]).toEqual({ t: '2026-12-01T00:00:00Z', az: expect.any(Number), alt: expect.any(Number) });
    });

    it('leaves the schedule route with exactly its three keys', async () => {
      for (const policy of ['basic', 'dummy']) {
        const res = await post(SCHEDULE, { ...DAY, policy });
        expect(res.status).toBe(200);
        expect(Object.keys(res.body)).toEqual(['status', 'commands', 'message']);
      }
    });

    it('answers dummy with idle blocks for its sleeps, no scans, and an unchecked Sun check with the reason', async () => {
      const res = await post(PLAN, { ...DAY, policy: '{"policy": "dummy"}' });
      expect(res.status).toBe(200);
      const sleeps = (res.body.commands as string).split('\n').filter((l) => l.startsWith('time.sleep('));
      expect(res.body.blocks).toHaveLength(sleeps.length);
      expect((res.body.blocks as Block[]).every((b) => b.kind === 'idle' && b.az === null)).toBe(true);
      expect(res.body.blocks[0].t0).toBe('2026-12-01T00:00:00Z');
      expect(res.body.summary.scanCount).toBe(0);
      expect(res.body.summary.idleFraction).toBe(1);
      expect(res.body.sunCheck).toEqual({
        verdict: 'unchecked',
        reason: 'Policy "dummy" points nothing in this schedule (no scans): there is nothing for the Sun check to check.',
        minSunDistanceDeg: null,
        blocks: [],
      });
      expect(res.body.config).toEqual({});
    });

    it('gives the resolved config: defaults, then the preset, then the request', async () => {
      const config = { calibration_targets: ['saturn'], rules: { 'sun-avoidance': { min_angle_az: 10 } } };
      const res = await post(PLAN, { ...DAY, policy: { policy: 'basic', config } });
      expect(res.status).toBe(200);
      expect(res.body.config.calibration_targets).toEqual(['saturn']);
      expect(res.body.config.rules['sun-avoidance']).toEqual({ ...BASIC_DEFAULTS.rules['sun-avoidance'], min_angle_az: 10 });
      expect(res.body.config.master).toEqual(JSON.parse(JSON.stringify(BASIC_DEFAULTS.master)));
      expect((res.body.blocks as Block[]).filter((b) => b.kind === 'calibration').every((b) => b.name === 'saturn')).toBe(true);
    });

    it('answers without the trailing slash and with it', async () => {
      const a = await post(PLAN, { ...DAY, policy: 'dummy' });
      const b = await post(`${PLAN}/`, { ...DAY, policy: 'dummy' });
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body.blocks).toEqual(a.body.blocks);
    });

    it('is what the docs show as its 200 example', async () => {
      const res = await post(PLAN, PLAN_EXAMPLE_REQUEST);
      expect(res.body).toEqual(PLAN_EXAMPLE);
    });

    it('refuses a schedule that fails the independent check: the same 500 and message, no script, the failing report', async () => {
      const real = pipeline.planBasic;
      const at = micros('2026-12-01 16:00');
      const spy = jest.spyOn(pipeline, 'planBasic').mockImplementation((...args) => {
        const plan = real(...args);
        // A scan injected at the Sun, bypassing every rule.
        const sun = checkerSun(at / US_PER_S);
        const injected = scanBlock({ name: 'saturn', t0: at, t1: at + 120 * US_PER_S, az: sun.az, alt: sun.alt, throw: 1 });
        return { ...plan, scans: [...plan.scans, injected], steps: [...plan.steps, injected] };
      });
      try {
        const body = { ...DAY, policy: 'basic' };
        const [plan, schedule] = await Promise.all([post(PLAN, body), post(SCHEDULE, body)]);
        expect(schedule.status).toBe(500);
        expect(schedule.body).toEqual({ status: 'error', message: UNSAFE_SCHEDULE_MESSAGE });
        expect(plan.status).toBe(500);
        expect(Object.keys(plan.body)).toEqual(['status', 'message', 'sunCheck']);
        expect(plan.body.message).toBe(UNSAFE_SCHEDULE_MESSAGE);
        expect(plan.text).not.toMatch(/seq\.scan|acu\.move_to/);
        const check = plan.body.sunCheck;
        expect(check.verdict).toBe('unsafe');
        const bad = check.blocks.filter((b: { problems: string[] }) => b.problems.length > 0);
        expect(bad).toHaveLength(1);
        expect(bad[0].name).toBe('saturn');
        expect(bad[0].minSunDistanceDeg).toBeLessThan(1);
        expect(bad[0].problems[0]).toMatch(/of the Sun/);
        expect(check.minSunDistanceDeg).toBe(bad[0].minSunDistanceDeg);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('errors: the same as the schedule route for the same bad bodies', () => {
    const json = (v: unknown) => JSON.stringify(v);
    const BAD: [string, string, string?][] = [
      ['a missing t0', json({ t1: DAY.t1, policy: 'dummy' })],
      ['a missing policy', json({ ...DAY })],
      ['an unparsable time', json({ ...DAY, t0: 'yesterday', policy: 'dummy' })],
      ['a time that is not a string', json({ ...DAY, t1: 12, policy: 'dummy' })],
      ['t1 before t0', json({ t0: DAY.t1, t1: DAY.t0, policy: 'dummy' })],
      ['a window over the maximum', json({ t0: '2026-01-01 00:00', t1: '2026-03-01 00:00', policy: 'dummy' })],
      ['a policy that is not JSON', json({ ...DAY, policy: '{policy: dummy}' })],
      ['a policy object without a name', json({ ...DAY, policy: { config: {} } })],
      ['an unknown policy', json({ ...DAY, policy: 'smart' })],
      ['an unknown config key', json({ ...DAY, policy: { policy: 'basic', config: { speed: 2 } } })],
      ['a config value out of range', json({ ...DAY, policy: { policy: 'basic', config: { rules: { 'sun-avoidance': { time_step: 0 } } } } })],
      ['an unknown preset', json({ ...DAY, policy: { policy: 'basic', preset: 'fast' } })],
      ['a body that is not JSON', '{"t0": '],
      ['a JSON array', '[]'],
      ['a JSON string', '"dummy"'],
      ['a wrong content type', json({ ...DAY, policy: 'dummy' }), 'text/plain'],
      ['a body over the limit', json({ ...DAY, policy: 'dummy', pad: 'x'.repeat(70_000) })],
    ];

    it.each(BAD)('%s', async (_what, text, type = 'application/json') => {
      const send = (url: string) => request(app.getHttpServer()).post(url).set('Content-Type', type).send(text);
      const [plan, schedule] = await Promise.all([send(PLAN), send(SCHEDULE)]);
      expect(schedule.status).toBeGreaterThanOrEqual(400);
      expect(schedule.status).toBeLessThan(500);
      expect(plan.status).toBe(schedule.status);
      expect(plan.body).toEqual(schedule.body);
      expect(Object.keys(plan.body).sort()).toEqual(['message', 'status']);
    });

    it('another method on the plan route → 405 with Allow: POST', async () => {
      const res = await request(app.getHttpServer()).get(PLAN);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.body.status).toBe('error');
    });
  });

  describe('GET /api/v1/policies', () => {
    it('lists every policy with description, defaults, the config schema /docs shows, and presets', async () => {
      const [res, docs] = await Promise.all([
        request(app.getHttpServer()).get('/api/v1/policies'),
        request(app.getHttpServer()).get('/docs-json'),
      ]);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.policies.map((p: { name: string }) => p.name)).toEqual(['basic', 'dummy']);
      const schemas = docs.body.components.schemas;
      for (const p of res.body.policies) {
        expect(Object.keys(p)).toEqual(['name', 'description', 'defaults', 'configSchema', 'presets']);
        expect(docs.body.info.description).toContain(`\`${p.name}\`: ${p.description}`);
        const docName = `${p.name[0].toUpperCase()}${p.name.slice(1)}PolicyConfig`;
        expect(p.configSchema).toEqual(schemas[docName]);
      }
      const basic = res.body.policies[0];
      expect(basic.defaults).toEqual(JSON.parse(JSON.stringify(BASIC_DEFAULTS)));
      expect(basic.presets).toEqual(JSON.parse(JSON.stringify(BASIC_PRESETS)));
      expect(basic.configSchema.properties.rules.properties['sun-avoidance'].properties.min_angle_az.default).toBe(6);
      const dummy = res.body.policies[1];
      expect(dummy).toMatchObject({ defaults: {}, presets: {}, configSchema: { type: 'object', properties: {}, additionalProperties: false } });
    });
  });
});

describe('a host app: its policies in the catalogue and the plan', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const ref = await Test.createTestingModule({ imports: [AsyncHostAppModule] }).compile();
    app = ref.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('lists the host policy with its own and the operator\'s presets', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/policies');
    expect(res.status).toBe(200);
    expect(res.body.policies.map((p: { name: string }) => p.name)).toEqual(['basic', 'dummy', 'night-watch']);
    const night = res.body.policies[2];
    expect(night.defaults).toEqual({ greeting: 'good evening', repeat: 1 });
    expect(night.presets).toEqual({ loud: { greeting: 'HELLO', repeat: 3 }, twice: { repeat: 2 } });
    expect(night.configSchema.properties.repeat).toMatchObject({ type: 'integer', minimum: 1, maximum: 5, default: 1 });
    expect(night.configSchema.required).toBeUndefined();
  });

  it('plans a host policy that describes no blocks: blocks and summary null, the Sun check unchecked with the reason', async () => {
    const res = await request(app.getHttpServer())
      .post(PLAN)
      .set('Content-Type', 'application/json')
      .send({ t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: { policy: 'night-watch', preset: 'loud' } });
    expect(res.status).toBe(200);
    expect(res.body.commands).toContain("print('HELLO')");
    expect(res.body.config).toEqual({ greeting: 'HELLO', repeat: 3 });
    expect(res.body.blocks).toBeNull();
    expect(res.body.summary).toBeNull();
    expect(res.body.sunCheck).toEqual({
      verdict: 'unchecked',
      reason: 'Policy "night-watch" has no independent Sun check: its scans were not checked.',
      minSunDistanceDeg: null,
      blocks: [],
    });
  });
});
