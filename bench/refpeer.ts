/**
 * The reference peer for `npm run bench`: the ORIGINAL June-2023 Python server (schedlib @ 7c190de +
 * scheduler-server @ e78b683), run by the scripts of `shared/tools/refpeer` (see its README). Nothing
 * of the original is in this repository; the bench only finds the peer, says plainly when it is
 * missing, and runs its scripts.
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the peer's scripts and its exported source trees are. */
export interface RefPeer {
  /** The scripts (`setup.sh`, `serve.sh`, `basic_time.py`, `dummy.lua`, ...). */
  readonly tools: string;
  /** `REFPEER_ROOT`: the exported trees are in `src/` below it. */
  readonly root: string;
}

/** What `basic_time.py` prints (the fields the bench reads). */
export interface OriginalBasicTimes {
  /** Seconds of `handler.basic_policy`, keyed `"2023-03-01 00:00/2023-03-02 00:00"`. */
  readonly basic_elapsed_s: Record<string, number>;
  /** Peak RSS of the process, MB, keyed `1d`, `7d`, `30d`. */
  readonly basic_maxrss_mb: Record<string, number>;
  readonly output: Record<string, { chars: number; scans: number }>;
}

/** Candidate folders of the peer's scripts: `REFPEER_TOOLS`, `/work/shared/tools/refpeer`, `../shared/tools/refpeer`. */
export function toolCandidates(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.REFPEER_TOOLS, '/work/shared/tools/refpeer', path.join(repoRoot, '..', 'shared', 'tools', 'refpeer')].filter(
    (d): d is string => typeof d === 'string' && d !== '',
  );
}

function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, out: String(stdout), err: String(stderr) });
    });
  });
}

/**
 * The peer when it is set up (scripts found, both trees exported under `REFPEER_ROOT` (default
 * `/tmp/refpeer`), and the original imports under Debian's python3), otherwise why not.
 */
export async function findRefPeer(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<RefPeer | string> {
  const tools = toolCandidates(repoRoot, env).find((d) => ['env.sh', 'serve.sh', 'basic_time.py'].every((f) => fs.existsSync(path.join(d, f))));
  if (!tools) return `no refpeer scripts in ${toolCandidates(repoRoot, env).join(', ')}`;
  const root = env.REFPEER_ROOT || '/tmp/refpeer';
  const trees = [path.join(root, 'src', 'scheduler', 'src', 'schedlib'), path.join(root, 'src', 'scheduler-server', 'src', 'scheduler_server')];
  const missing = trees.find((d) => !fs.existsSync(d));
  if (missing) {
    return `${missing} is missing: run SCHED_MIRROR=<clone of simonsobs/scheduler> SERVER_MIRROR=<clone of simonsobs/scheduler-server> ${path.join(tools, 'setup.sh')} [--install]`;
  }
  const smoke = await run('bash', ['-c', `. "${tools}/env.sh" && exec "$REFPEER_PY" -c 'import schedlib.policies, scheduler_server.app'`], 60_000);
  if (smoke.code !== 0) return `the original does not import (${smoke.err.trim().split('\n').pop() ?? 'unknown error'}): rerun ${path.join(tools, 'setup.sh')} --install`;
  return { tools, root };
}

/** Runs `basic_time.py --reps reps` (fresh Python processes) and returns its JSON. */
export async function originalBasicTimes(peer: RefPeer, reps: number): Promise<OriginalBasicTimes> {
  const r = await run('bash', ['-c', `. "${peer.tools}/env.sh" && exec "$REFPEER_PY" "${peer.tools}/basic_time.py" --reps ${reps}`], 30 * 60_000);
  if (r.code !== 0) throw new Error(`basic_time.py failed: ${r.err.slice(-500)}`);
  return JSON.parse(r.out) as OriginalBasicTimes;
}

/** The original's Flask app under gunicorn (2 sync workers, `serve.sh`) on `port`; `stop` ends it. */
export async function startOriginalServer(peer: RefPeer, port: number): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const r = await run(path.join(peer.tools, 'serve.sh'), [String(port)], 60_000);
  const pid = Number(r.out.trim().split('\n').pop());
  if (r.code !== 0 || !Number.isInteger(pid)) throw new Error(`serve.sh failed: ${(r.err || r.out).slice(-500)}`);
  const stop = async (): Promise<void> => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  return { url: `http://127.0.0.1:${port}/api/v1/schedule/`, pid, stop };
}

/** The request body of the peer's `dummy.lua` (wrk): the same `dummy` request is sent to both servers. */
export const DUMMY_BODY = JSON.stringify({ t0: '2022-01-01 12:00', t1: '2022-01-01 14:00', policy: JSON.stringify({ policy: 'dummy', config: {} }) });

/** Figures of one HTTP load run. */
export interface LoadFigures {
  readonly tool: 'wrk' | 'autocannon';
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
}

/** True when `wrk` is on the PATH. */
export async function haveWrk(): Promise<boolean> {
  const r = await run('bash', ['-c', 'command -v wrk'], 5_000);
  return r.code === 0;
}

function wrkMs(text: string, pct: string): number {
  const m = new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

/** `wrk -t2 -c<connections> -d<seconds>s --latency` posting `body` (a Lua script like the peer's `dummy.lua`). */
export async function wrkLoad(url: string, body: string, seconds: number, connections: number, scriptDir: string): Promise<LoadFigures> {
  const script = path.join(scriptDir, 'bench-post.lua');
  fs.writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(body)}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const total = /(\d+) requests in/.exec(out);
      const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      if (code !== 0 || !rps) return reject(new Error(`wrk failed (${code}): ${out.slice(-300)}`));
      resolve({
        tool: 'wrk',
        rps: Number(rps[1]),
        p50Ms: wrkMs(out, '50'),
        p99Ms: wrkMs(out, '99'),
        requests: Number(total?.[1] ?? 0),
        errors: (errs ? errs.slice(1).reduce((a, x) => a + Number(x), 0) : 0) + Number(non2xx?.[1] ?? 0),
      });
    });
  });
}
