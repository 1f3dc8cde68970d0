/**
 * `npm run bench`: ours beside the original June-2023 server, in the same run, on this machine.
 *
 * - `basic` 1, 7 and 30 days from 2023-03-01: ours warm, over HTTP, through the built server
 *   (`dist/server/main.js`, its worker pool), against the original's `handler.basic_policy` in a
 *   fresh Python process (the peer's `basic_time.py`); the rounds alternate between the two, and
 *   each figure is the median of its rounds. Also ours in-process (cold and warm), the first
 *   one-day request after readiness (on `--first-starts` fresh servers, the median), and one-day requests on days not asked before (a repeated
 *   window reuses the passes make-source-plan planned for it; a new one plans them afresh).
 * - Peak RSS: one 30-day schedule in a fresh process (as the original's figure is taken), and the
 *   server computing 30-day schedules one at a time and with every worker busy.
 * - `dummy` throughput through the full Nest pipeline: one process and the cluster
 *   (`dist/server/cluster.js`) against the original's two gunicorn workers, with the same load tool
 *   for both (wrk when installed, as the peer's `bench_dummy.sh`, else autocannon).
 *
 * The peer (`shared/tools/refpeer`, set up with its `setup.sh`) is found through `REFPEER_TOOLS` /
 * `REFPEER_ROOT` or the default places; without it the bench says so and prints ours alone. Every
 * figure goes to `bench/results/<timestamp>.json`.
 *
 * Options: `--runs N` (requests per size and round, default 5), `--rounds N` (alternations with the
 * original, default 3), `--duration S` (load runs, default 10), `--warm-up S` (load before each
 * measured `dummy` run, default 3), `--dummy-rounds N` (every `dummy` server N times in turn, medians;
 * default 1), `--first-starts N` (fresh servers whose first one-day request after readiness is timed;
 * the figure is their median, each is printed; default 5), `--only-basic`, `--only-http` (`dummy` only), `--only-memory` (the peak RSS rows alone),
 * `--baseline DIR` (also measures `dummy` with another build, e.g. a copy of `dist/` from before a
 * change, in the same run), `--no-peer`, `--client wrk|autocannon`, `--cpu-prof`, `--label TEXT`,
 * `--node PATH` (the Node binary that runs ours: its servers and in-process children, e.g. the
 * Docker image's Node 24; the bench itself, its client and the original are unchanged) and
 * `--server-env NAME=VALUE` (repeatable: an environment variable for ours only, e.g.
 * `MALLOC_ARENA_MAX=2` as the Docker image sets it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { masterSource, type ChildReport } from './basic-run';
import { summarizeProfile, type ProfileLine } from './profile-summary';
import {
  DUMMY_BODY,
  findRefPeer,
  haveWrk,
  originalBasicTimes,
  startOriginalServer,
  wrkLoad,
  type LoadFigures,
  type OriginalBasicTimes,
  type RefPeer,
} from './refpeer';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const RESULTS = path.join(__dirname, 'results');
const START_MS = Date.UTC(2023, 2, 1);
const SIZES = [1, 7, 30] as const;

/** Targets of issue 14. */
const TARGETS = { speedup: 200, firstOverWarm: 2, rssOneMb: 126, rssBusyMb: 160 };

/** One-day requests a server answers before the in-operation memory row (about 3 s of them). */
const IN_OPERATION_REQUESTS = 600;

interface Args {
  runs: number;
  rounds: number;
  duration: number;
  skipHttp: boolean;
  skipBasic: boolean;
  onlyMemory: boolean;
  noPeer: boolean;
  client: 'wrk' | 'autocannon' | undefined;
  cpuProf: boolean;
  label: string;
  warmUp: number;
  dummyRounds: number;
  /** Fresh servers whose first one-day request is timed (the median is the figure). */
  firstStarts: number;
  baseline: string | undefined;
  /** The Node binary that runs ours (servers and in-process children). */
  node: string;
  /** Environment variables for ours only. */
  ourEnv: Record<string, string>;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { runs: 5, rounds: 3, duration: 10, skipHttp: false, skipBasic: false, onlyMemory: false, noPeer: false, client: undefined, cpuProf: false, label: '', warmUp: 3, dummyRounds: 1, firstStarts: 5, baseline: undefined, node: process.execPath, ourEnv: {} };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = (): string => argv[++i] ?? '';
    if (k === '--runs') a.runs = Number(next());
    else if (k === '--rounds') a.rounds = Number(next());
    else if (k === '--duration') a.duration = Number(next());
    else if (k === '--skip-http' || k === '--only-basic') a.skipHttp = true;
    else if (k === '--only-http') a.skipBasic = true;
    else if (k === '--only-memory') {
      a.onlyMemory = true;
      a.skipHttp = true;
    } else if (k === '--warm-up') a.warmUp = Number(next());
    else if (k === '--dummy-rounds') a.dummyRounds = Number(next());
    else if (k === '--first-starts') a.firstStarts = Number(next());
    else if (k === '--baseline') a.baseline = path.resolve(next());
    else if (k === '--no-peer') a.noPeer = true;
    else if (k === '--client') {
      const c = next();
      if (c !== 'wrk' && c !== 'autocannon') throw new Error('--client must be wrk or autocannon');
      a.client = c;
    } else if (k === '--cpu-prof') a.cpuProf = true;
    else if (k === '--label') a.label = next();
    else if (k === '--node') a.node = path.resolve(next());
    else if (k === '--server-env') {
      const kv = next();
      const eq = kv.indexOf('=');
      if (eq < 1) throw new Error(`--server-env takes NAME=VALUE, got '${kv}'`);
      a.ourEnv[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    else throw new Error(`unknown option ${k}`);
  }
  for (const [name, v] of [['--runs', a.runs], ['--rounds', a.rounds], ['--duration', a.duration], ['--dummy-rounds', a.dummyRounds], ['--first-starts', a.firstStarts]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  }
  if (!Number.isInteger(a.warmUp) || a.warmUp < 0) throw new Error('--warm-up must be an integer >= 0');
  if (a.baseline !== undefined && !fs.existsSync(path.join(a.baseline, 'server/main.js'))) {
    throw new Error(`--baseline ${a.baseline}: no server/main.js there (give a copy of dist/)`);
  }
  let runnable = false;
  try {
    fs.accessSync(a.node, fs.constants.X_OK);
    runnable = fs.statSync(a.node).isFile();
  } catch {
    runnable = false;
  }
  if (!runnable) throw new Error(`--node ${a.node}: not an executable file`);
  return a;
}

/** How ours (servers, in-process children) is run: `--node` and `--server-env`, set once the arguments are read. */
const oursRun = { node: process.execPath, env: {} as Record<string, string> };

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x: number | undefined, digits = 1): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the policy in a child process

/** `basic-run` as plain JS, so that no TypeScript compiler sits in the measured process. */
function childScript(): string {
  const sibling = path.join(__dirname, 'basic-run.js');
  if (fs.existsSync(sibling)) return sibling;
  const ts = require('typescript') as typeof import('typescript');
  const source = fs.readFileSync(path.join(__dirname, 'basic-run.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'basic-run.js');
  fs.writeFileSync(file, js);
  return file;
}

function runChild(script: string, days: number, runs: number, profDir?: string): Promise<ChildReport> {
  const prof = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-name', `basic-${days}d.cpuprofile`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(oursRun.node, [...prof, script, ROOT, String(days), String(runs)], { cwd: ROOT, env: { ...process.env, ...oursRun.env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) {
        const r = JSON.parse(line) as ChildReport;
        if (profDir) r.profile = path.join(profDir, `basic-${days}d.cpuprofile`);
        resolve(r);
      } else reject(new Error(`basic ${days}-day child exited with ${code}: ${out.slice(-500)}`));
    });
  });
}

// ---------------------------------------------------------------- HTTP

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a process, MB. */
function memoryOf(pid: number | undefined): { peakMb: number; rssMb: number } | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

interface Server {
  readonly url: string;
  readonly base: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn until `/health/ready` (or the probe) answered 200. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** One GET on a fresh connection (so that a cluster hands it to its next process); the status, or 0 when it failed. */
function freshGet(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, headers: { connection: 'close' }, timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * Starts `node args…` on a free port and waits until `readyPath` answers 200 (GET) or the dummy
 * probe does (POST). With `processes` (a cluster): first until the primary has said that many
 * processes listen (connections only go to those), then until `readyPath` has answered 200 on
 * 2 × `processes` fresh connections in a row, which the primary hands to its processes in turn.
 */
async function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  readyPath?: string,
  processes?: number,
  logFile?: string,
): Promise<Server> {
  const port = await freePort();
  const t0 = performance.now();
  const out = logFile ? fs.openSync(logFile, 'w') : 'ignore';
  const child = spawn(oursRun.node, args, { cwd: ROOT, env: { ...process.env, ...oursRun.env, ...env, PORT: String(port) }, stdio: ['ignore', out, 'pipe'] });
  if (typeof out === 'number') fs.closeSync(out);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const listeningCount = (): number =>
    logFile ? (fs.readFileSync(logFile, 'utf8').match(/^\[cluster\] process \d+ listening/gm)?.length ?? 0) : 0;
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/api/v1/schedule/`;
  const deadline = Date.now() + 60_000;
  let inARow = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr.slice(-800)}`);
    if (processes && readyPath) {
      if (!logFile) throw new Error('startServer: a cluster needs a log file to see its processes listen');
      if (listeningCount() >= processes) {
        inARow = (await freshGet(base + readyPath)) === 200 ? inARow + 1 : 0;
        if (inARow >= 2 * processes) break;
        continue;
      }
    } else {
      try {
        const r = readyPath
          ? await fetch(base + readyPath)
          : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: DUMMY_BODY });
        await r.arrayBuffer();
        if (r.status === 200) break;
      } catch {
        /* not listening yet */
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within 60 s: ${stderr.slice(-800)}`);
    }
    await sleep(50);
  }
  const readyMs = performance.now() - t0;
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url, base, child, readyMs, stop };
}

/** A `basic` request for `days` days from `START_MS` plus `offsetDays`. */
function basicBody(days: number, offsetDays = 0): string {
  const at = (d: number): string => new Date(START_MS + d * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
  return JSON.stringify({ t0: at(offsetDays), t1: at(offsetDays + days), policy: JSON.stringify({ policy: 'basic', config: { master_schedule: 'schedule_sat.txt' } }) });
}

/** Offsets (days) of round `round`'s `count` one-day requests on days not asked before: every other day from the third on, no day twice in a run. */
const newWindowDays = (count: number, round: number): number[] => Array.from({ length: count }, (_, i) => 2 + 2 * (round * count + i));

/**
 * One POST over a kept-alive connection (\`node:http\`: fetch adds 1.5-2 ms of its own per request,
 * measured); milliseconds until the whole answer is read. Throws unless 200.
 */
function timedPost(url: string, body: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: KEEP_ALIVE, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - t;
        if (res.statusCode === 200) resolve(ms);
        else reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const KEEP_ALIVE = new http.Agent({ keepAlive: true });

/** Posts \`body\` 30 times to a throw-away server in this process, so the client's first request to a server under test is not its own first. */
async function warmClient(body: string): Promise<void> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
  try {
    for (let i = 0; i < 30; i++) await timedPost(url, body);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function autocannonLoad(url: string, body: string, seconds: number, connections: number): Promise<LoadFigures> {
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: seconds, timeout: 60 });
  return { tool: 'autocannon', rps: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, errors: r.errors + r.timeouts + r.non2xx };
}

const BARE_NODE = `require('http').createServer((q,s)=>{let b='';q.on('data',c=>b+=c);q.on('end',()=>{s.setHeader('content-type','application/json');s.end(JSON.stringify({status:'ok',commands:'import time\\n',message:'Success'}))})}).listen(+process.env.PORT,'127.0.0.1')`;

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- report

/** One line of the table: what, ours, the original, ratio, target, met. */
type Row = [string, string, string, string, string, string];

function printTable(rows: readonly Row[]): void {
  const head: Row = ['measure', 'ours', 'original', 'ratio', 'target', 'met'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: Row): string => r.map((c, i) => (i === 0 || i >= 4 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r).trimEnd());
}

const met = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'yes' : 'NO');

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  oursRun.node = args.node;
  oursRun.env = args.ourEnv;
  if (!fs.existsSync(path.join(DIST, 'server/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.mkdirSync(RESULTS, { recursive: true });
  const profDir = args.cpuProf ? path.join(RESULTS, `profiles-${stamp}`) : undefined;
  const workers = os.availableParallelism();
  const meta = {
    label: args.label,
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    oursNode: args.node === process.execPath ? process.version : execFileSync(args.node, ['--version'], { encoding: 'utf8' }).trim(),
    oursEnv: args.ourEnv,
    cores: workers,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    loadavg: os.loadavg(),
  };
  console.log(`bench ${meta.date} commit ${meta.commit}, node ${meta.node}, ${meta.cores} cores (${meta.cpu}), load ${meta.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
  const envText = Object.entries(meta.oursEnv).map(([k, v]) => `${k}=${v}`).join(' ');
  if (args.node !== process.execPath || envText) console.log(`ours runs on ${args.node} (${meta.oursNode})${envText ? ` with ${envText}` : ''}`);

  const peerOrWhy: RefPeer | string = args.noPeer ? 'left out (--no-peer)' : await findRefPeer(ROOT);
  const peer = typeof peerOrWhy === 'string' ? undefined : peerOrWhy;
  if (peer) console.log(`reference peer: the original (schedlib@7c190de + scheduler-server@e78b683), scripts ${peer.tools}, trees ${peer.root}/src`);
  else console.log(`reference peer: NOT SET UP (${peerOrWhy}). Ours alone, no ratios against the original in this run.`);

  const src = masterSource(ROOT);
  if (typeof src === 'string' || !src.origin.startsWith('reference')) {
    throw new Error(`the bench needs the reference master schedule schedule_sat.txt (../shared/reference or SCHEDULER_REFERENCE_DIR): ${typeof src === 'string' ? src : src.origin}`);
  }
  const dataDir = src.dataDir;
  const serverEnv = { SCHEDULER_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const out: Record<string, unknown> = { meta, peer: peer ?? { missing: peerOrWhy }, masterSchedule: src.origin, targets: TARGETS };
  const rows: Row[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));

  // 1. basic: in-process children (cold, warm, one 30-day schedule's memory), then over HTTP beside the original.
  if (!args.skipBasic) {
    const script = childScript();
    const inProcess: Record<string, unknown> = {};
    out.basicInProcess = inProcess;
    for (const days of args.onlyMemory ? [] : SIZES) {
      const r = await runChild(script, days, days === 1 ? 3 * args.runs : args.runs, profDir);
      inProcess[`${days}d`] = { ...r, warmMedianMs: median(r.warmMs) };
      if (r.profile && fs.existsSync(r.profile)) {
        const top: ProfileLine[] = summarizeProfile(JSON.parse(fs.readFileSync(r.profile, 'utf8')), 15);
        (inProcess[`${days}d`] as Record<string, unknown>).profileTop = top;
        console.log(`\nwhere basic ${days} d spends its time in-process (self time, ${path.relative(ROOT, r.profile)}):`);
        for (const l of top) console.log(`  ${fmt(l.percent, 1).padStart(5)}%  ${fmt(l.selfMs, 0).padStart(6)} ms  ${l.name}  ${l.where}`);
      }
    }
    const fresh30 = await runChild(script, 30, 0);
    inProcess.fresh30d = fresh30;

    const original: OriginalBasicTimes[] = [];
    if (!args.onlyMemory) {
      // Over HTTP: a fresh server, the first one-day request after readiness, then rounds that
      // alternate ours (every size, `runs` requests each) with the original (one fresh process per size).
      const ours: Record<number, number[]> = { 1: [], 7: [], 30: [] };
      const newWindows: number[] = [];
      // Requests per size and round: one-day requests are cheap, so three times as many of them.
      const perRound = (days: number): number => (days === 1 ? 3 : 1) * args.runs;
      const server = await startServer(['dist/server/main.js'], serverEnv, '/health/ready');
      // The first one-day request after readiness, on this server and on `firstStarts - 1` more started
      // after the rounds: one request is one sample of a machine whose identical requests vary by 2x.
      const firsts: number[] = [];
      try {
        // The client's own first POST is slow (fetch compiles its path): warm it on a server of its own.
        await warmClient(basicBody(1));
        firsts.push(await timedPost(server.url, basicBody(1)));
        for (let round = 0; round < args.rounds; round++) {
          // One size at a time (a 30-day answer leaves the HTTP process garbage that the next few
          // requests pay for); one-day requests are cheap, so three times as many of them.
          // The one-day requests alternate with as many on days not asked before (nothing planned for
          // their windows is reused), so that both meet the same garbage of the round before.
          const newDays = newWindowDays(perRound(1), round);
          for (const days of SIZES) {
            for (let i = 0; i < perRound(days); i++) {
              ours[days].push(await timedPost(server.url, basicBody(days)));
              if (days === 1) newWindows.push(await timedPost(server.url, basicBody(1, newDays[i])));
            }
          }
          if (peer) {
            process.stdout.write(`round ${round + 1}/${args.rounds}: the original's basic_time.py ... `);
            original.push(await originalBasicTimes(peer, 1));
            console.log('done');
          }
        }
      } finally {
        await server.stop();
      }
      for (let k = 1; k < args.firstStarts; k++) {
        const s = await startServer(['dist/server/main.js'], serverEnv, '/health/ready');
        try {
          firsts.push(await timedPost(s.url, basicBody(1)));
        } finally {
          await s.stop();
        }
      }
      const firstMs = median(firsts);
      const key = (days: number): string =>
        `2023-03-01 00:00/${new Date(START_MS + days * 86_400_000).toISOString().slice(0, 16).replace('T', ' ')}`;
      const overHttp: Record<string, unknown> = { readyMs: server.readyMs, firstOneDayMs: firstMs, firstOneDayEachMs: firsts };
      out.basicHttp = overHttp;
      for (const days of SIZES) {
        const oursMs = median(ours[days]);
        const origS = original.length ? median(original.map((o) => o.basic_elapsed_s[key(days)])) : NaN;
        const speedup = (origS * 1000) / oursMs;
        const inp = (inProcess[`${days}d`] as { warmMedianMs: number; coldMs: number }) ?? {};
        // Each round's requests are consecutive in ours[days]; the rounds show how much the machine moved during the run.
        const n = perRound(days);
        const roundMedians = Array.from({ length: args.rounds }, (_, r) => median(ours[days].slice(r * n, (r + 1) * n)));
        overHttp[`${days}d`] = { oursMs: ours[days], oursMedianMs: oursMs, oursRoundMediansMs: roundMedians, originalS: original.map((o) => o.basic_elapsed_s[key(days)]), originalMedianS: origS, speedup };
        rows.push([
          `basic ${days} d (ours warm over HTTP, median of ${ours[days].length})`,
          `${fmt(oursMs)} ms`,
          original.length ? `${fmt(origS, 2)} s` : 'n/a',
          original.length ? `${fmt(speedup, 0)}x` : '',
          `>= ${TARGETS.speedup}x`,
          original.length ? met(speedup >= TARGETS.speedup) : '',
        ]);
        rows.push([
          `  each round: ours (median) / the original`,
          `${roundMedians.map((x) => fmt(x, days === 1 ? 2 : 1)).join(' / ')} ms`,
          original.length ? `${original.map((o) => fmt(o.basic_elapsed_s[key(days)], 2)).join(' / ')} s` : '',
          '',
          '',
          '',
        ]);
        rows.push([`  ours in-process: warm median / cold (fresh process)`, `${fmt(inp.warmMedianMs)} / ${fmt(inp.coldMs, 0)} ms`, '', '', '', '']);
      }
      // Against the original's one-day figure (its time hardly depends on the day: it plans from scratch).
      const newMs = median(newWindows);
      const orig1 = original.length ? median(original.map((o) => o.basic_elapsed_s[key(1)])) : NaN;
      overHttp.newWindows1d = { oursMs: newWindows, oursMedianMs: newMs, speedupAgainstOriginal1d: (orig1 * 1000) / newMs };
      rows.push([
        `basic 1 d, a day not asked before each time (median of ${newWindows.length})`,
        `${fmt(newMs)} ms`,
        original.length ? `${fmt(orig1, 2)} s` : 'n/a',
        original.length ? `${fmt((orig1 * 1000) / newMs, 0)}x` : '',
        '',
        '',
      ]);
      const warm1 = median(ours[1]);
      rows.push([
        `basic 1 d, first request after readiness (median of ${firsts.length} fresh servers)`,
        `${fmt(firstMs)} ms`,
        '',
        `${fmt(firstMs / warm1, 2)}x warm`,
        `<= ${TARGETS.firstOverWarm}x warm`,
        met(firstMs <= TARGETS.firstOverWarm * warm1),
      ]);
      const worst = Math.max(...firsts);
      rows.push([`  each server's (ms), the slowest against the warm median`, firsts.map((f) => fmt(f)).join(' / '), '', `${fmt(worst / warm1, 2)}x warm`, '', '']);
      // The first request is also a window not asked before: beside requests of that kind.
      rows.push([`  the same against a day not asked before (median)`, '', '', `${fmt(firstMs / newMs, 2)}x`, '', '']);
      overHttp.firstOverNewWindow = firstMs / newMs;
    }
    const origRss = original.length ? Math.max(...original.map((o) => o.basic_maxrss_mb['30d'])) : NaN;
    rows.push([
      'peak RSS, one 30 d schedule in a fresh process',
      `${fmt(fresh30.maxRssMb, 0)} MB`,
      original.length ? `${fmt(origRss, 0)} MB` : 'n/a',
      original.length ? `${fmt(fresh30.maxRssMb / origRss, 2)}x` : '',
      `<= ${TARGETS.rssOneMb} MB`,
      met(fresh30.maxRssMb <= TARGETS.rssOneMb),
    ]);

    // Memory of the server, a new one each time: 30-day requests one at a time, every worker busy,
    // and every worker busy once the server has answered IN_OPERATION_REQUESTS one-day requests
    // (V8 sizes the HTTP thread's heap by what it has seen: a fresh server alone would flatter it).
    const memory: Record<string, unknown> = {};
    out.serverMemory = memory;
    for (const [key, label, concurrency, before] of [
      ['oneAtATime', 'one at a time', 1, 0],
      ['allBusy', `every worker busy (${workers} at a time)`, workers, 0],
      ['allBusyInOperation', `every worker busy, after ${IN_OPERATION_REQUESTS} one-day requests`, workers, IN_OPERATION_REQUESTS],
    ] as const) {
      const s = await startServer(['dist/server/main.js'], serverEnv, '/health/ready');
      try {
        const atReady = memoryOf(s.child.pid);
        for (let k = 0; k < before; k++) await timedPost(s.url, basicBody(1));
        const atStart = memoryOf(s.child.pid);
        const ms: number[] = [];
        for (let k = 0; k < 3; k++) ms.push(...(await Promise.all(Array.from({ length: concurrency }, () => timedPost(s.url, basicBody(30))))));
        const end = memoryOf(s.child.pid);
        memory[key] = { concurrency, before, atReady, atStart, end, ms };
        const target = concurrency === 1 ? undefined : TARGETS.rssBusyMb;
        rows.push([
          `peak RSS, server computing 30 d, ${label}`,
          `${fmt(end?.peakMb, 0)} MB`,
          '',
          '',
          target ? `<= ${target} MB` : '',
          target ? met((end?.peakMb ?? Infinity) <= target) : '',
        ]);
        rows.push([`  that server at readiness: peak / resident`, `${fmt(atReady?.peakMb, 0)} / ${fmt(atReady?.rssMb, 0)} MB`, '', '', '', '']);
        if (before > 0) rows.push([`  after the one-day requests: peak / resident`, `${fmt(atStart?.peakMb, 0)} / ${fmt(atStart?.rssMb, 0)} MB`, '', '', '', '']);
      } finally {
        await s.stop();
      }
    }
  }

  // 2. dummy through the full pipeline: ours (one process, the cluster) against the original's two gunicorn workers.
  if (!args.skipHttp) {
    const client = args.client ?? ((await haveWrk()) ? 'wrk' : 'autocannon');
    const load = (url: string, body: string, connections = 16): Promise<LoadFigures> =>
      client === 'wrk' ? wrkLoad(url, body, args.duration, connections, tmp) : autocannonLoad(url, body, args.duration, connections);
    console.log(
      `\nload tool for dummy: ${client} (2 threads, 16 connections, ${args.warmUp} s warm-up, ${args.duration} s measured, ${args.dummyRounds} round(s), medians), the same for ours and the original`,
    );
    const dummy: Record<string, unknown> = { client };
    out.dummy = dummy;
    const runs: { key: string; label: string; start: () => Promise<{ url: string; stop(): Promise<void>; child?: ChildProcess }> }[] = [
      { key: 'bareNode', label: 'bare Node http (the machine at that moment)', start: () => startServer(['-e', BARE_NODE], {}) },
    ];
    const builds: [string, string][] = [['', 'dist']];
    if (args.baseline) builds.unshift([`baseline (${path.relative(ROOT, args.baseline) || args.baseline}) `, args.baseline]);
    // The request log on, to a file, as the original logs every request to its log file.
    const logEnv = { ...serverEnv, LOG_LEVEL: 'info' };
    const logFile = (key: string): string => path.join(tmp, `dummy-${key}.log`);
    for (const [tag, dist] of builds) {
      const key = tag ? 'baseline' : 'ours';
      runs.push(
        {
          key,
          label: `${tag}dummy per process: ours, one process (main.js)`,
          start: () => startServer([path.join(dist, 'server/main.js')], logEnv, '/health/ready', undefined, logFile(key)),
        },
        {
          key: `${key}Cluster`,
          label: `${tag}dummy, ours, cluster (${workers} processes) vs 2 gunicorn workers`,
          start: () => startServer([path.join(dist, 'server/cluster.js')], logEnv, '/health/ready', workers, logFile(`${key}Cluster`)),
        },
      );
    }
    if (peer) runs.push({ key: 'original', label: 'dummy, original, 2 gunicorn workers', start: async () => startOriginalServer(peer, await freePort()) });
    // The runs of ours in one process (`main.js`), as against a cluster or another server.
    const oneProcessOfOurs = (key: string): boolean => key === 'ours' || key === 'baseline';
    // Each round runs every server once, in the same order; each figure is the median of its rounds.
    const measured = new Map<string, (LoadFigures & { loadavg: number[]; afterLoad?: { peakMb: number; rssMb: number } })[]>();
    const failures = new Map<string, string>();
    for (let round = 0; round < args.dummyRounds; round++) {
      for (const run of runs) {
        let s: { url: string; stop(): Promise<void>; child?: ChildProcess } | undefined;
        try {
          s = await run.start();
          // Every server, the original too, gets the same load first: V8 compiles the request path, caches fill.
          if (args.warmUp > 0) await (client === 'wrk' ? wrkLoad(s.url, DUMMY_BODY, args.warmUp, 16, tmp) : autocannonLoad(s.url, DUMMY_BODY, args.warmUp, 16));
          const f = await load(s.url, DUMMY_BODY);
          // One process's memory after the load (a cluster's primary would say nothing about its processes).
          const afterLoad = oneProcessOfOurs(run.key) ? memoryOf(s.child?.pid) : undefined;
          measured.set(run.key, [...(measured.get(run.key) ?? []), { ...f, loadavg: os.loadavg(), ...(afterLoad ? { afterLoad } : {}) }]);
        } catch (e) {
          failures.set(run.key, (e as Error).message);
        } finally {
          await s?.stop();
        }
      }
    }
    for (const run of runs) {
      const rounds = measured.get(run.key) ?? [];
      if (rounds.length === 0) {
        dummy[run.key] = { error: failures.get(run.key) ?? 'not measured' };
        continue;
      }
      const figures: LoadFigures = {
        tool: rounds[0].tool,
        rps: median(rounds.map((r) => r.rps)),
        p50Ms: median(rounds.map((r) => r.p50Ms)),
        p99Ms: median(rounds.map((r) => r.p99Ms)),
        requests: rounds.reduce((a, r) => a + r.requests, 0),
        errors: rounds.reduce((a, r) => a + r.errors, 0),
      };
      dummy[run.key] = { ...figures, rounds, ...(failures.has(run.key) ? { failedRound: failures.get(run.key) } : {}) };
    }
    const fig = (k: string): LoadFigures | undefined => {
      const f = dummy[k] as LoadFigures | { error: string } | undefined;
      return f && 'rps' in f ? f : undefined;
    };
    const orig = fig('original');
    // "Per process": ours in one process against one of the original's two worker processes.
    const origWorkers = 2;
    for (const run of runs) {
      const f = fig(run.key);
      const err = (dummy[run.key] as { error?: string }).error;
      if (run.key === 'original') continue;
      const perProcess = oneProcessOfOurs(run.key);
      const against = orig ? (perProcess ? orig.rps / origWorkers : orig.rps) : undefined;
      const ratio = against !== undefined && f && run.key !== 'bareNode' ? f.rps / against : undefined;
      rows.push([
        `${run.label}`,
        f ? `${fmt(f.rps, 0)} req/s` : `failed: ${err?.slice(0, 60)}`,
        run.key === 'bareNode' ? '' : against !== undefined ? `${fmt(against, 0)} req/s${perProcess ? ` (per worker, of ${fmt(orig?.rps, 0)})` : ''}` : peer ? 'failed' : 'n/a',
        ratio !== undefined ? `${fmt(ratio, 2)}x` : '',
        run.key === 'bareNode' ? '' : '> 1x',
        ratio !== undefined ? met(ratio > 1) : '',
      ]);
      if (f) rows.push([`  p50 / p99, errors`, `${fmt(f.p50Ms)} / ${fmt(f.p99Ms)} ms, ${f.errors}`, run.key !== 'bareNode' && orig ? `${fmt(orig.p50Ms)} / ${fmt(orig.p99Ms)} ms, ${orig.errors}` : '', '', '', '']);
      const mem = (measured.get(run.key) ?? []).flatMap((r) => (r.afterLoad ? [r.afterLoad] : []));
      if (mem.length > 0) rows.push([`  after the load: peak / resident`, `${fmt(median(mem.map((m) => m.peakMb)), 0)} / ${fmt(median(mem.map((m) => m.rssMb)), 0)} MB`, '', '', '', '']);
    }
  }

  KEEP_ALIVE.destroy();
  const file = path.join(RESULTS, `${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log('');
  printTable(rows);
  console.log(`\nfigures written to ${path.relative(ROOT, file)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
