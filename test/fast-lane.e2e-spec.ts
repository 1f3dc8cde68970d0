/**
 * The fast lane must answer exactly as the app does. Two production apps, one with the lane and
 * one without (`SCHEDULER_FAST_LANE=off`), get the same requests: fixed edge cases and the fuzz
 * generators. Status, body, headers and the request log record must be equal (but for the date,
 * the request id, the duration and the generation time in a `dummy` script).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { fastLaneOf } from '../src/server/configure-app';
import { AppLogger } from '../src/server/logging';
import { anyBodyArb, fieldsBodyArb, jsonRequest, policyRequestArb, rawBodyArb } from './fuzz/arbitraries';
import { type FuzzTarget, type RawRequest, type RawResponse, startFuzzTarget } from './fuzz/harness';

jest.setTimeout(120_000 * Math.max(1, Number(process.env.FAST_LANE_SCALE ?? 1)));

/** Base seed of the generated comparisons; property i uses SEED + i (FAST_LANE_SEED replaces it). */
const SEED = Number(process.env.FAST_LANE_SEED ?? 20261130);

/** Multiplies the generated cases (FAST_LANE_SCALE, default 1: about 700 comparisons). */
const SCALE = Number(process.env.FAST_LANE_SCALE ?? 1);

interface Side {
  readonly target: FuzzTarget;
  readonly log: string[];
}

async function startSide(dataDir: string, fastLane: 'on' | 'off'): Promise<Side> {
  const log: string[] = [];
  const target = await startFuzzTarget(dataDir, 0, {
    env: { SCHEDULER_FAST_LANE: fastLane },
    overrides: [{ provide: AppLogger, useValue: new AppLogger({ level: 'debug', sink: (line) => void log.push(line) }) }],
  });
  return { target, log };
}

/** The answer without what legitimately differs between two calls. */
function comparable(res: RawResponse): unknown {
  const headers = { ...res.headers };
  delete headers.date;
  delete headers['x-request-id'];
  return { status: res.status, headers, text: res.text.replace(/# generated \S+ by/g, '# generated (time) by') };
}

/** The request records written since `from`, without time, id and duration. */
function records(log: readonly string[], from: number): unknown[] {
  return log
    .slice(from)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((r) => r.msg === 'request')
    .map(({ time: _t, requestId: _i, durationMs: _d, ...rest }) => rest);
}

describe('fast lane: same answers as the app without it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lane-data-'));
  let lane: Side;
  let app: Side;
  const counted = { taken: 0, passed: 0 };

  beforeAll(async () => {
    [lane, app] = await Promise.all([startSide(dataDir, 'on'), startSide(dataDir, 'off')]);
  });
  afterAll(async () => {
    await Promise.all([lane.target.close(), app.target.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends `req` to both apps and throws on any difference. */
  async function same(req: RawRequest): Promise<void> {
    const [fromLane, fromApp] = [lane.log.length, app.log.length];
    const before = { ...fastLaneOf(lane.target.app)! };
    const a = await lane.target.send(req);
    const b = await app.target.send(req);
    // The records are written when the answer closes, a tick after the client has it.
    await new Promise((resolve) => setImmediate(resolve));
    const after = fastLaneOf(lane.target.app)!;
    counted.taken += after.taken - before.taken;
    counted.passed += after.passed - before.passed;
    const [ca, cb] = [comparable(a), comparable(b)];
    const [ra, rb] = [records(lane.log, fromLane), records(app.log, fromApp)];
    if (JSON.stringify(ca) !== JSON.stringify(cb) || JSON.stringify(ra) !== JSON.stringify(rb)) {
      const sent = typeof req.body === 'string' ? req.body.slice(0, 300) : `<${req.body.length} bytes>`;
      expect({ sent, answer: ca, log: ra }).toEqual({ sent, answer: cb, log: rb });
    }
  }

  it('is in front of one app and not the other', () => {
    expect(fastLaneOf(lane.target.app)).toBeDefined();
    expect(fastLaneOf(app.target.app)).toBeUndefined();
  });

  const T = '"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05"';
  const cases: [string, RawRequest][] = [
    ['dummy, JSON-string policy', jsonRequest(`{${T}, "policy": "{\\"policy\\": \\"dummy\\", \\"config\\": {}}"}`)],
    ['dummy, no trailing slash', jsonRequest(`{${T}, "policy": "dummy"}`, '/api/v1/schedule')],
    ['basic for an hour', jsonRequest(`{${T}, "policy": {"policy": "basic", "config": {}}}`)],
    ['basic with an unknown config key', jsonRequest(`{${T}, "policy": {"policy": "basic", "config": {"speed": 1}}}`)],
    ['basic with a master schedule file that is missing', jsonRequest(`{${T}, "policy": {"policy": "basic", "config": {"master_schedule": "nope.txt"}}}`)],
    ['an empty body', jsonRequest('')],
    ['a body of spaces', jsonRequest('   ')],
    ['a byte-order mark before the JSON', jsonRequest(`\ufeff{${T}, "policy": "dummy"}`)],
    ['two byte-order marks', jsonRequest(`\ufeff\ufeff{${T}, "policy": "dummy"}`)],
    ['invalid UTF-8 in a string', { method: 'POST', path: '/api/v1/schedule/', contentType: 'application/json', body: Buffer.concat([Buffer.from(`{${T}, "policy": "du`), Buffer.from([0xff, 0xc3]), Buffer.from('mmy"}')]) }],
    ['JSON that is cut short', jsonRequest(`{${T}, "policy": `)],
    ['a scalar body', jsonRequest('42')],
    ['null', jsonRequest('null')],
    ['an unknown policy', jsonRequest(`{${T}, "policy": "smart"}`)],
    ['t1 before t0', jsonRequest('{"t0": "2026-11-29 22:05", "t1": "2026-11-29 21:05", "policy": "dummy"}')],
    ['a window too long', jsonRequest('{"t0": "2026-01-01 00:00", "t1": "2026-03-01 00:00", "policy": "dummy"}')],
    ['__proto__ in the config', jsonRequest(`{${T}, "policy": {"policy": "dummy", "config": {"__proto__": {"x": 1}}}}`)],
    ['a config nested 10,000 deep', jsonRequest(`{${T}, "policy": {"policy": "dummy", "config": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`)],
    // {"t0":"…"} is 9 bytes around the x's.
    ['a body exactly at the limit', jsonRequest(JSON.stringify({ t0: 'x'.repeat(64 * 1024 - 9) }))],
    ['a body one byte over the limit', jsonRequest(JSON.stringify({ t0: 'x'.repeat(64 * 1024 - 8) }))],
    ['charset=UTF-8 in capitals', { ...jsonRequest(`{${T}, "policy": "dummy"}`), contentType: 'application/json; Charset=UTF-8' }],
    ['charset=utf-16le', { ...jsonRequest(`{${T}, "policy": "dummy"}`), contentType: 'application/json; charset=utf-16le' }],
    ['text/plain', { ...jsonRequest(`{${T}, "policy": "dummy"}`), contentType: 'text/plain' }],
    ['no content type', { ...jsonRequest(`{${T}, "policy": "dummy"}`), contentType: undefined }],
    ['gzip', { ...jsonRequest(''), body: gzipSync(`{${T}, "policy": "dummy"}`), headers: { 'Content-Encoding': 'gzip' } }],
    ['Content-Encoding: identity', { ...jsonRequest(`{${T}, "policy": "dummy"}`), headers: { 'Content-Encoding': 'identity' } }],
    ['a query string', jsonRequest(`{${T}, "policy": "dummy"}`, '/api/v1/schedule/?x=1')],
    ['the path in capitals', jsonRequest(`{${T}, "policy": "dummy"}`, '/API/V1/SCHEDULE/')],
    ['a sane X-Request-Id', { ...jsonRequest(`{${T}, "policy": "dummy"}`), headers: { 'X-Request-Id': 'trace-42' } }],
    ['a CORS request', { ...jsonRequest(`{${T}, "policy": "dummy"}`), headers: { Origin: 'https://example.org' } }],
  ];

  it.each(cases)('%s', async (_what, req) => {
    await same(req);
  });

  it('answered the plain cases itself and passed the others on', () => {
    // Passed on: over the limit, utf-16le, text/plain, no type, gzip, a query string, capitals.
    expect(counted).toEqual({ taken: cases.length - 7, passed: 7 });
  });

  const generated: [string, (t: FuzzTarget) => fc.Arbitrary<RawRequest>, number][] = [
    ['any JSON value as the body', () => anyBodyArb, 150],
    ['t0/t1/policy of every type', (t) => fieldsBodyArb(t.policies), 250],
    ['every policy, every form, random configs', (t) => policyRequestArb(t.policies), 150],
    ['raw bytes, media types, charsets, encodings, sizes', (t) => rawBodyArb(t.bodyLimitBytes), 150],
  ];
  generated.forEach(([name, arb, runs], i) => {
    it(`${name} (${runs * SCALE} cases, seed ${SEED + i})`, async () => {
      await fc.assert(
        fc.asyncProperty(arb(lane.target), (req) => same(req)),
        { seed: SEED + i, numRuns: runs * SCALE, endOnFailure: true },
      );
    });
  });
});
