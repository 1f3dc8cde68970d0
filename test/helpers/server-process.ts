/**
 * The standalone server as a child process, for tests and scripts that need real signals and a
 * real socket: start it, read its JSON log lines, wait for one, and wait for its exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Repository root. */
export const ROOT = join(__dirname, '..', '..');

/** How to start the server: the built `dist/server/main.js`, or `src/server/main.ts` through ts-node (no typecheck). */
export type ServerEntry = 'dist' | 'source';

/** A free TCP port on loopback (there is a small race until the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A running server process. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  /** Every log record so far (lines that are not JSON are kept as `{msg: line}`). */
  readonly records: Record<string, unknown>[];
  /** Resolves with the first record (past or future) matching `pred`, rejects after `timeoutMs`. */
  waitFor(pred: (r: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/** Starts the server with `env` (added to a minimal environment) and waits until it listens. */
export async function startServer(entry: ServerEntry, env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const args =
    entry === 'dist'
      ? [join(ROOT, 'dist', 'server', 'main.js')]
      : ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'server', 'main.ts')];
  if (entry === 'dist' && !existsSync(args[0])) throw new Error('dist/server/main.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const records: Record<string, unknown>[] = [];
  const waiters: { pred: (r: Record<string, unknown>) => boolean; resolve: (r: Record<string, unknown>) => void }[] = [];
  const onRecord = (r: Record<string, unknown>) => {
    records.push(r);
    for (const w of [...waiters]) {
      if (w.pred(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  };
  const lineReader = (stream: NodeJS.ReadableStream) => {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.trim() === '') continue;
        try {
          onRecord(JSON.parse(line) as Record<string, unknown>);
        } catch {
          onRecord({ msg: line });
        }
      }
    });
  };
  lineReader(child.stdout!);
  lineReader(child.stderr!);
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const waitFor = (pred: (r: Record<string, unknown>) => boolean, ms = 10_000) => {
    const seen = records.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no matching log record within ${ms} ms; last records: ${JSON.stringify(records.slice(-5))}`));
      }, ms);
      const waiter = {
        pred,
        resolve: (r: Record<string, unknown>) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      waiters.push(waiter);
    });
  };
  const server: ServerProcess = { child, port, baseUrl: `http://127.0.0.1:${port}`, records, waitFor, exited };
  const listening = waitFor((r) => r.msg === 'listening', timeoutMs);
  const early = exited.then((code) => {
    throw new Error(`server exited (${code}) before listening: ${JSON.stringify(records.slice(-5))}`);
  });
  await Promise.race([listening, early]);
  return server;
}
