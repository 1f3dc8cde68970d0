/**
 * The fuzz properties, shared by the CI spec (`test/fuzz.e2e-spec.ts`) and the long run
 * (`npm run fuzz`). Each says: whatever is sent, the answer is a contract answer; valid requests
 * for `dummy` always succeed with sleeps that fill the window.
 */
import fc from 'fast-check';
import { anyBodyArb, fieldsBodyArb, jsonRequest, objectText, PATHS, policyRequestArb, rawBodyArb, windowArb } from './arbitraries';
import { checkAnswer, CONTRACT_STATUSES, type FuzzTarget, type RawRequest } from './harness';

/** One fuzz property: its name, its share of the runs, and how to build it against a target. */
export interface FuzzProperty {
  readonly name: string;
  /** Runs in CI; the long run multiplies them. */
  readonly runs: number;
  build(target: FuzzTarget): fc.IAsyncPropertyWithHooks<[RawRequest]>;
}

const exchange = (target: FuzzTarget, allowed: ReadonlySet<number> = CONTRACT_STATUSES) => async (req: RawRequest) => {
  const res = await target.send(req);
  checkAnswer(req, res, target.dataDir, allowed);
};

/** Sum of the `time.sleep(S)` lines of a script, in centiseconds, and their count. */
export function sleepsOf(commands: string): { total: number; count: number } {
  const lines = commands.split('\n').filter((l) => l.startsWith('time.sleep('));
  const total = lines.reduce((sum, l) => sum + Math.round(Number(/\(([\d.]+)\)/.exec(l)?.[1]) * 100), 0);
  return { total, count: lines.length };
}

/** A valid `dummy` request for a window of `seconds` from `t0Text` to `t1Text`, in form `form`. */
function dummyRequest(t0Text: string, t1Text: string, form: number, path: string): RawRequest {
  const selection = { policy: 'dummy', config: {} };
  const policy = form === 0 ? JSON.stringify(JSON.stringify(selection)) : form === 1 ? JSON.stringify(selection) : '"dummy"';
  return jsonRequest(objectText([['t0', JSON.stringify(t0Text)], ['t1', JSON.stringify(t1Text)], ['policy', policy]]), path);
}

/** Every fuzz property, in a fixed order (their seeds are the base seed plus their index). */
export const FUZZ_PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'any JSON value as the body',
    runs: 300,
    build: (t) => fc.asyncProperty(anyBodyArb, exchange(t)),
  },
  {
    name: 't0/t1/policy of every type, missing, repeated, with __proto__ and unknown keys',
    runs: 600,
    build: (t) => fc.asyncProperty(fieldsBodyArb(t.policies), exchange(t)),
  },
  {
    name: 'every registered policy, every policy form, random configs',
    runs: 500,
    build: (t) => fc.asyncProperty(policyRequestArb(t.policies), exchange(t, new Set([200, 400, 503]))),
  },
  {
    name: 'raw bytes, wrong media types, charsets and encodings, bodies around the size limit',
    runs: 250,
    build: (t) => fc.asyncProperty(rawBodyArb(t.bodyLimitBytes), exchange(t)),
  },
  {
    name: 'hostile X-Request-Id headers are replaced, sane ones echoed',
    runs: 100,
    build: (t) =>
      fc.asyncProperty(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 }).map((id) => ({
          ...jsonRequest('{"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05", "policy": "dummy"}'),
          headers: { 'X-Request-Id': id },
        })),
        async (req) => {
          const res = await t.send(req);
          checkAnswer(req, res, t.dataDir, new Set([200]));
          // HTTP drops the spaces around a header value.
          const sent = req.headers!['X-Request-Id'].trim();
          const echoed = String(res.headers['x-request-id']);
          const sane = /^[A-Za-z0-9._:+/=-]{1,128}$/.test(sent);
          if (sane ? echoed !== sent : !/^[0-9a-f-]{36}$/.test(echoed)) {
            throw new Error(`X-Request-Id ${JSON.stringify(sent)} answered with ${JSON.stringify(echoed)}`);
          }
        },
      ),
  },
  {
    name: 'valid dummy requests (every form, time format and URL) succeed with sleeps filling the window',
    runs: 250,
    build: (t) =>
      fc.asyncProperty(
        fc
          .tuple(windowArb(31 * 86_400), fc.nat(2), fc.constantFrom(...PATHS))
          .map(([w, form, path]) => ({ ...dummyRequest(w.t0Text, w.t1Text, form, path), seconds: w.seconds })),
        async (req) => {
          const res = await t.send(req);
          checkAnswer(req, res, t.dataDir, new Set([200]));
          const { total, count } = sleepsOf((JSON.parse(res.text) as { commands: string }).commands);
          if (total !== req.seconds * 100 || count < 1 || count > 10) {
            throw new Error(`sleeps ${count} adding to ${total / 100} s for a window of ${req.seconds} s: ${res.text}`);
          }
        },
      ),
  },
];

/** Total CI runs of the properties. */
export const FUZZ_CI_RUNS = FUZZ_PROPERTIES.reduce((n, p) => n + p.runs, 0);

/** Throws unless the target still serves a known request correctly and nothing polluted `Object.prototype`. */
export async function checkStillHealthy(target: FuzzTarget, prototypeKeys: readonly string[]): Promise<void> {
  const now = Object.getOwnPropertyNames(Object.prototype).sort();
  if (now.join(',') !== [...prototypeKeys].sort().join(',') || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new Error(`Object.prototype was modified: ${now.join(', ')}`);
  }
  const req = dummyRequest('2026-11-29 21:05', '2026-11-29 22:05', 0, PATHS[0]);
  const res = await target.send(req);
  checkAnswer(req, res, target.dataDir, new Set([200]));
  if (sleepsOf((JSON.parse(res.text) as { commands: string }).commands).total !== 360_000) throw new Error('wrong sleeps after fuzzing');
  const live = await target.send({ method: 'GET', path: '/health', body: '' });
  if (live.status !== 200) throw new Error(`GET /health answered ${live.status} after fuzzing`);
}
