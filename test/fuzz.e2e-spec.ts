/**
 * Fuzzing the schedule endpoint of the production app over loopback: about 2,000 seeded cases of
 * hostile and valid requests. Every answer must be a contract answer (no 500, no hang, the
 * envelope, no leaks), and the server must still answer correctly afterwards.
 * `npm run fuzz` runs the same properties with many more cases and any seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { jsonRequest } from './fuzz/arbitraries';
import { checkAnswer, type FuzzTarget, startFuzzTarget } from './fuzz/harness';
import { checkStillHealthy, FUZZ_CI_RUNS, FUZZ_PROPERTIES } from './fuzz/properties';

/** Base seed of the CI run; property i runs with FUZZ_SEED + i. */
const FUZZ_SEED = 20261129;

jest.setTimeout(120_000);

describe(`fuzz: POST /api/v1/schedule/ (${FUZZ_CI_RUNS} cases, seed ${FUZZ_SEED})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuzz-data-'));
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget(dataDir);
  });
  afterAll(async () => {
    await target.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fuzzes every registered policy', () => {
    expect([...target.policies.keys()]).toContain('dummy');
  });

  FUZZ_PROPERTIES.forEach((p, i) => {
    it(`${p.name} (${p.runs} cases, seed ${FUZZ_SEED + i})`, async () => {
      await fc.assert(p.build(target), { seed: FUZZ_SEED + i, numRuns: p.runs, endOnFailure: true });
    });
  });

  const T = '"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05"';
  // What the original Flask server got wrong (an HTML 500 for each), now each a contract answer.
  it.each([
    ['policy as an inline object', 200, `{${T}, "policy": {"policy": "dummy", "config": {}}}`],
    ['a JSON array as the body', 400, '[1, 2]'],
    ['a JSON string as the body', 400, '"t0"'],
    ['null as the body', 400, 'null'],
    ['a number as t0', 400, `{"t0": 1764450300, "t1": "2026-11-29 22:05", "policy": "dummy"}`],
    ['an object as t1', 400, `{"t0": "2026-11-29 21:05", "t1": {"$date": 1}, "policy": "dummy"}`],
    ['NaN as a time string', 400, `{"t0": "NaN", "t1": "2026-11-29 22:05", "policy": "dummy"}`],
    ['a number too large for a double', 400, `{"t0": 1e400, "t1": "2026-11-29 22:05", "policy": "dummy"}`],
    ['an unknown policy name', 400, `{${T}, "policy": "__proto__"}`],
    ['__proto__ in the config', 400, `{${T}, "policy": {"policy": "dummy", "config": {"__proto__": {"polluted": 1}}}}`],
    ['__proto__ in a JSON-string policy', 400, `{${T}, "policy": "{\\"policy\\": \\"dummy\\", \\"config\\": {\\"__proto__\\": {}}}"}`],
    ['__proto__ at the top of the body', 200, `{"__proto__": {"t0": "x"}, ${T}, "policy": "dummy"}`],
    ['a config nested 10,000 deep', 400, `{${T}, "policy": {"policy": "dummy", "config": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`],
  ])('%s → %d', async (_what, status, body) => {
    const req = jsonRequest(body);
    const res = await target.send(req);
    checkAnswer(req, res, dataDir);
    expect(res.status).toBe(status);
  });

  it.each([
    ['gzip', 200, gzipSync],
    ['br', 200, brotliCompressSync],
    ['gzip', 400, (b: Buffer) => b],
    ['br', 400, (b: Buffer) => b.subarray(0, 5)],
  ] as const)('a body sent with Content-Encoding %s → %d (case %#)', async (encoding, status, encode) => {
    const body = encode(Buffer.from(`{${T}, "policy": "dummy"}`));
    const req = { method: 'POST' as const, path: '/api/v1/schedule/', contentType: 'application/json', body, headers: { 'Content-Encoding': encoding } };
    const res = await target.send(req);
    checkAnswer(req, res, dataDir);
    expect(res.status).toBe(status);
  });

  it('an unknown source name in calibration targets is a 400 for every policy that has them', async () => {
    const withTargets = [...target.policies.values()].filter((p) => Array.isArray((p.defaults as Record<string, unknown>)?.calibration_targets));
    for (const p of withTargets) {
      const policy = JSON.stringify({ policy: p.name, config: { calibration_targets: ['nosuchsource'] } });
      const req = jsonRequest(`{${T}, "policy": ${JSON.stringify(policy)}}`);
      const res = await target.send(req);
      checkAnswer(req, res, dataDir);
      expect([p.name, res.status]).toEqual([p.name, 400]);
    }
  });

  it('still answers correctly afterwards, with Object.prototype untouched', async () => {
    await checkStillHealthy(target, prototypeKeys);
  });
});
