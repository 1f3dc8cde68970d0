import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessReadiness, isReadableDirectory } from './readiness';

const GOOD = { policies: ['dummy'], dataDirReadable: true, draining: false };

describe('assessReadiness', () => {
  it('is ready with policies, a readable data directory and no executor counters', () => {
    expect(assessReadiness(GOOD)).toEqual({
      status: 'ok',
      message: 'Ready',
      checks: {
        policies: { ok: true, names: ['dummy'] },
        executor: { ok: true },
        dataDir: { ok: true },
        warmUp: { ok: true },
        shutdown: { ok: true },
      },
    });
  });

  it('is not ready while the server warms up its request path, and says so', () => {
    const r = assessReadiness({ ...GOOD, warmingUp: true });
    expect(r.status).toBe('error');
    expect(r.message).toBe('Not ready: the server is warming up its request path');
    expect(r.checks.warmUp).toEqual({ ok: false });
    expect(assessReadiness({ ...GOOD, warmingUp: false }).status).toBe('ok');
  });

  it('reports the executor counters and follows its ready flag', () => {
    const up = assessReadiness({ ...GOOD, executor: { workers: 2, busy: 1, queued: 3, ready: true } });
    expect(up.checks.executor).toEqual({ ok: true, workers: 2, busy: 1, queued: 3 });
    const down = assessReadiness({ ...GOOD, executor: { workers: 0, busy: 0, queued: 0, ready: false } });
    expect(down.status).toBe('error');
    expect(down.message).toBe('Not ready: the schedule executor cannot take work (no worker is running)');
  });

  it('lists every failing check, without any file path', () => {
    const r = assessReadiness({ policies: [], dataDirReadable: false, warmingUp: true, draining: true });
    expect(r.status).toBe('error');
    expect(r.message).toBe(
      'Not ready: no schedule policy is registered; the data directory (SCHEDULER_DATA_DIR) is missing or not readable; the server is warming up its request path; the server is shutting down',
    );
    expect(JSON.stringify(r)).not.toMatch(/\//);
  });
});

describe('isReadableDirectory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a readable directory and refuses a file or a missing path', async () => {
    writeFileSync(join(dir, 'file.txt'), 'x');
    expect(await isReadableDirectory(dir)).toBe(true);
    expect(await isReadableDirectory(join(dir, 'file.txt'))).toBe(false);
    expect(await isReadableDirectory(join(dir, 'missing'))).toBe(false);
  });

  it('refuses a directory without read permission (unless running as root)', async () => {
    const locked = join(dir, 'locked');
    require('node:fs').mkdirSync(locked);
    chmodSync(locked, 0o000);
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    expect(await isReadableDirectory(locked)).toBe(root);
    chmodSync(locked, 0o700);
  });
});
