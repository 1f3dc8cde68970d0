/**
 * The log is written asynchronously; nothing logged before the process ends may be lost: neither
 * on the graceful shutdown's `process.exit(0)` nor on a crash (an uncaught exception, exit 1).
 * A burst of records far larger than a pipe's buffer is still being written when the process ends;
 * a few records of a quiet process are written without waiting for more.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..');
const COUNT = 20_000;

const burst = (mode: string, count: number) =>
  spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'helpers', 'log-burst.ts'), mode, String(count)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });

function runBurst(mode: 'exit' | 'crash'): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = burst(mode, COUNT);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: out.split('\n').filter((l) => l !== '') }));
  });
}

describe('asynchronous log output', () => {
  it.each(['exit', 'crash'] as const)('keeps every record logged before %s', async (mode) => {
    const { code, lines } = await runBurst(mode);
    expect(code).toBe(mode === 'exit' ? 0 : 1);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const ids = records.filter((r) => r.msg === 'request').map((r) => r.requestId);
    expect(ids).toHaveLength(COUNT);
    expect(ids[0]).toBe('r-0');
    expect(ids[COUNT - 1]).toBe(`r-${COUNT - 1}`);
    expect(new Set(ids).size).toBe(COUNT);
    if (mode === 'crash') {
      expect(records[records.length - 1]).toMatchObject({ level: 'fatal', msg: 'uncaught exception: exiting', err: { message: 'boom after the burst' } });
    }
  });

  it('writes a few records of a process that keeps running (a batch that does not fill is written too)', async () => {
    const child = burst('linger', 3);
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (c: string) => {
          out += c;
          const got = out.split('\n').filter((l) => l !== '');
          if (got.length >= 3) resolve(got);
        });
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`exited (${code}) before writing its records: ${out}`)));
      });
      expect(lines.map((l) => (JSON.parse(l) as { requestId: string }).requestId)).toEqual(['r-0', 'r-1', 'r-2']);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
