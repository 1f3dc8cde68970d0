/**
 * Checks that a script compiles as Python with `python3 -c "compile(open(f).read(), f, 'exec')"`,
 * the check the contract asks for. Without python3 the check says so and is skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when `python3` runs on this machine. */
export const hasPython3 = spawnSync('python3', ['--version']).status === 0;

/**
 * Returns `undefined` when `script` compiles, the Python error text otherwise, or `'skipped'`
 * (with a line on stderr) when python3 is absent.
 */
export function pythonCompileError(script: string): string | undefined | 'skipped' {
  if (!hasPython3) {
    process.stderr.write('note: python3 is absent; the Python compile check is skipped\n');
    return 'skipped';
  }
  const dir = mkdtempSync(join(tmpdir(), 'commands-'));
  const f = join(dir, 'commands.py');
  try {
    writeFileSync(f, script);
    const r = spawnSync('python3', ['-c', "import sys; f = sys.argv[1]; compile(open(f).read(), f, 'exec')", f], {
      encoding: 'utf8',
    });
    return r.status === 0 ? undefined : r.stderr || `python3 exited with ${r.status}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
