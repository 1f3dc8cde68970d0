/**
 * Sustained load (`npm run soak`): starts the built server (`dist/server/main.js`) on loopback, sends a
 * fixed mix of valid `dummy`, valid `basic` (when registered) and invalid requests at a steady
 * rate for a bounded time, and reports requests by kind and status, latency p50/p99, and the
 * server's resident memory at start, after warm-up and at the end. Exits 1 on any unexpected
 * status, transport error or timeout, on RSS growth after warm-up above the limit, or when the
 * server does not stop cleanly on SIGTERM.
 *
 *   npm run build && npm run soak -- [--duration 600] [--warmup 60] [--rate 100] [--connections 8]
 *                                     [--max-rss-growth 0.10] [--basic-body JSON]
 *
 * Each option also reads SOAK_<NAME> (e.g. SOAK_DURATION). `--basic-body` replaces the body of
 * the `basic` request (e.g. to name a master-schedule file present in SCHEDULER_DATA_DIR, which
 * is passed through to the server).
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../test/helpers/server-process';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : process.env[`SOAK_${name.toUpperCase().replace(/-/g, '_')}`];
}

function num(name: string, fallback: number): number {
  const text = option(name);
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number (got ${JSON.stringify(text)})`);
    process.exit(2);
  }
  return n;
}

/** One kind of request in the mix and the statuses it may get. */
interface Kind {
  readonly name: string;
  readonly body: string;
  readonly contentType: string;
  readonly expected: readonly number[];
  /** Copies in each cycle of the mix. */
  readonly weight: number;
}

const URL_PATH = '/api/v1/schedule/';

/** The mix; `basic` only when the server has it. Windows move so that seeds vary. */
function kinds(policies: readonly string[], basicBody: string | undefined): Kind[] {
  const json = 'application/json';
  const mix: Kind[] = [
    {
      name: 'dummy (JSON-string policy)',
      body: JSON.stringify({ t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: '{"policy": "dummy", "config": {}}' }),
      contentType: json,
      expected: [200],
      weight: 3,
    },
    {
      name: 'dummy (inline object, ISO times)',
      body: JSON.stringify({ t0: '2026-11-29T21:05:00Z', t1: '2026-12-06T21:05:00+01:00', policy: { policy: 'dummy' } }),
      contentType: json,
      expected: [200],
      weight: 1,
    },
    {
      name: 'dummy (bare name)',
      body: JSON.stringify({ t0: '2026-11-30 00:00', t1: '2026-11-30 00:10:30', policy: 'dummy' }),
      contentType: json,
      expected: [200],
      weight: 1,
    },
    { name: 'invalid: bad time', body: JSON.stringify({ t0: 'tonight', t1: '2026-11-29 22:05', policy: 'dummy' }), contentType: json, expected: [400], weight: 1 },
    { name: 'invalid: unknown policy', body: JSON.stringify({ t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: 'smart' }), contentType: json, expected: [400], weight: 1 },
    {
      name: 'invalid: config key',
      body: JSON.stringify({ t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: { policy: 'dummy', config: { __proto__x: 1, speed: 2 } } }),
      contentType: json,
      expected: [400],
      weight: 1,
    },
    { name: 'invalid: body not JSON', body: '{"t0": "2026-11-29 21:05",', contentType: json, expected: [400], weight: 1 },
    { name: 'invalid: content type', body: 't0=2026-11-29', contentType: 'application/x-www-form-urlencoded', expected: [415], weight: 1 },
  ];
  if (policies.includes('basic')) {
    mix.push({
      name: 'basic (defaults, 1 h)',
      body: basicBody ?? JSON.stringify({ t0: '2023-01-05 00:00', t1: '2023-01-05 01:00', policy: '{"policy": "basic", "config": {}}' }),
      contentType: json,
      expected: [200],
      weight: 2,
    });
  }
  return mix;
}

/** Resident set size of `pid` in bytes (Linux `/proc`); NaN once the process is gone. */
function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<number> {
  const duration = num('duration', 600);
  const warmup = Math.min(num('warmup', 60), duration / 2);
  const rate = num('rate', 100);
  const connections = Math.max(1, Math.round(num('connections', 8)));
  const maxGrowth = num('max-rss-growth', 0.1);
  const ownDataDir = process.env.SCHEDULER_DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'soak-data-'));
  const server = await startServer('dist', {
    SCHEDULER_DATA_DIR: process.env.SCHEDULER_DATA_DIR ?? ownDataDir!,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    NODE_ENV: 'production',
  });
  const pid = server.child.pid!;
  // The request log is read (and dropped) here, as a log shipper would; only warnings are kept.
  const warnings: Record<string, unknown>[] = [];
  const notable: Record<string, unknown>[] = [];
  const sift = () => {
    for (const r of server.records.splice(0)) {
      if (r.msg !== 'request') notable.push(r);
      // Lines without a level are not ours (e.g. a crash printed by Node itself): keep them too.
      if (r.level !== 'info' && r.level !== 'debug') warnings.push(r);
    }
  };
  sift();
  notable.length = 0;
  const drain = setInterval(sift, 1000);
  // Load starts once readiness says yes (workers warmed up), as behind a load balancer.
  type Readiness = { status: string; message: string; checks: { policies: { names: string[] } } };
  let ready: Readiness | undefined;
  for (let i = 0; i < 240 && ready?.status !== 'ok'; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    ready = (await (await fetch(`${server.baseUrl}/health/ready`)).json()) as Readiness;
  }
  if (ready?.status !== 'ok') {
    server.child.kill('SIGKILL');
    throw new Error(`the server did not become ready within 60 s: ${ready?.message}`);
  }
  const policies = ready.checks.policies.names;
  const mix = kinds(policies, option('basic-body'));
  const requests: autocannon.Request[] = [];
  const tally = new Map<string, Map<number, number>>();
  const unexpected: string[] = [];
  for (const k of mix) {
    tally.set(k.name, new Map());
    for (let i = 0; i < k.weight; i++) {
      requests.push({
        method: 'POST',
        path: URL_PATH,
        headers: { 'content-type': k.contentType },
        body: k.body,
        onResponse: (status: number, body: string) => {
          const byStatus = tally.get(k.name)!;
          byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
          if (!k.expected.includes(status) && unexpected.length < 20) unexpected.push(`${k.name}: ${status} ${body.slice(0, 200)}`);
        },
      });
    }
  }

  const rss: { start: number; warm?: number; end?: number; min: number; max: number } = { start: rssOf(pid), min: Infinity, max: 0 };
  // RSS every 10 s, to tell a plateau (caches and heaps filling) from a steady climb (a leak).
  const series: { s: number; rss: number }[] = [];
  const loadStart = Date.now();
  let ticks = 0;
  const sampler = setInterval(() => {
    const r = rssOf(pid);
    rss.min = Math.min(rss.min, r);
    rss.max = Math.max(rss.max, r);
    if (++ticks % 5 === 0) series.push({ s: Math.round((Date.now() - loadStart) / 1000), rss: r });
  }, 2000);
  const warmTimer = setTimeout(() => (rss.warm = rssOf(pid)), warmup * 1000);
  console.log(
    `soak: pid ${pid}, policies ${policies.join(', ')}, ${duration} s at ${rate} req/s over ${connections} connections, warm-up ${warmup} s`,
  );
  let stopping = false;
  let diedWith: number | NodeJS.Signals | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: server.baseUrl, connections, overallRate: rate > 0 ? rate : undefined, duration, timeout: 30, requests },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    // A server that dies under load ends the run at once, with the evidence.
    void server.exited.then((code) => {
      if (stopping) return;
      diedWith = code;
      instance.stop();
    });
  });
  stopping = true;
  rss.end = rssOf(pid);
  clearInterval(sampler);
  clearTimeout(warmTimer);
  rss.warm ??= rss.start;

  if (diedWith === undefined) server.child.kill('SIGTERM');
  const exitCode = await server.exited;
  clearInterval(drain);
  sift();
  if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });

  const growth = (rss.end - rss.warm) / rss.warm;
  console.log('\nrequests by kind and status:');
  for (const [name, byStatus] of tally) {
    const parts = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
    console.log(`  ${name.padEnd(36)} ${parts.join(', ') || '(none)'}`);
  }
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([s, v]) => `${s}: ${v.count ?? 0}`)
    .join(', ');
  console.log(`all: ${result.requests.total} requests (${statuses}); errors ${result.errors}, timeouts ${result.timeouts}`);
  console.log(
    `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; throughput ${result.requests.average} req/s`,
  );
  console.log(
    `rss: start ${mb(rss.start)}, after warm-up ${mb(rss.warm)}, end ${mb(rss.end)} (growth after warm-up ${(growth * 100).toFixed(1)} %, limit ${(maxGrowth * 100).toFixed(0)} %); min ${mb(rss.min)}, max ${mb(rss.max)}`,
  );
  const perMinute = series.filter((p, i) => i % 6 === 5).map((p) => `${Math.round(p.s / 60)}m ${mb(p.rss)}`);
  console.log(`rss each minute: ${perMinute.join(', ')}`);
  const half = series.filter((p) => p.s >= duration / 2);
  if (half.length > 1) {
    const g = (half[half.length - 1].rss - half[0].rss) / half[0].rss;
    console.log(`rss over the second half of the run: ${mb(half[0].rss)} -> ${mb(half[half.length - 1].rss)} (${(g * 100).toFixed(1)} %)`);
  }
  console.log(`server exit on SIGTERM: ${exitCode}; warnings/errors logged: ${warnings.length}`);
  const problems: string[] = [];
  if (unexpected.length > 0) problems.push(`unexpected statuses, e.g.:\n    ${unexpected.join('\n    ')}`);
  if (result.errors > 0 || result.timeouts > 0) problems.push(`${result.errors} transport errors, ${result.timeouts} timeouts`);
  if (growth > maxGrowth) problems.push(`RSS grew ${(growth * 100).toFixed(1)} % after warm-up`);
  if (diedWith !== undefined) problems.push(`the server died during the run (exit ${diedWith}); its last lines other than requests: ${JSON.stringify(notable.slice(-5))}`);
  else if (exitCode !== 0) problems.push(`the server exited with ${exitCode} on SIGTERM`);
  if (Number.isNaN(growth)) problems.push('RSS could not be read at the end');
  if (warnings.length > 0) problems.push(`the server logged warnings or errors, e.g. ${JSON.stringify(warnings[0])}`);
  console.log(problems.length === 0 ? 'soak: PASS' : `soak: FAIL\n  ${problems.join('\n  ')}`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
