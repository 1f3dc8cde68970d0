/**
 * Runs `check_scripts.py` (Python's own parser) over many scripts or literals in one python3
 * process: JSON lines in, one verdict per line out. Without python3 it throws, so a test using it
 * fails instead of skipping: the safety of what we send is not optional.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CHECKER = join(__dirname, 'check_scripts.py');

/** Python's verdict on one script. */
export interface ScriptVerdict {
  /** Parses, ASCII only, and holds only known statements with literal arguments. */
  readonly ok: boolean;
  readonly errors: readonly string[];
  /** The `description` of each `seq.scan`, in order. */
  readonly scans: readonly string[];
  /** Dotted name of every call, in order. */
  readonly calls: readonly string[];
  /** Every comment token, as Python's tokenizer sees it. */
  readonly comments: readonly string[];
}

/** Python's verdict on one literal. */
export interface LiteralVerdict {
  readonly ok: boolean;
  /** `ast.literal_eval` of the text (JSON-encoded back). */
  readonly value: unknown;
  readonly error: string | null;
}

function runChecker(requests: readonly object[]): unknown[] {
  if (requests.length === 0) return [];
  const r = spawnSync('python3', [CHECKER], {
    input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n',
    encoding: 'utf8',
    env: { ...process.env, PYTHONUTF8: '1', PYTHONIOENCODING: 'utf-8' },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`python3 could not be run (${r.error.message}); the script checks need python3 on PATH`);
  if (r.status !== 0) throw new Error(`check_scripts.py failed with status ${r.status}: ${r.stderr}`);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== requests.length) throw new Error(`check_scripts.py answered ${lines.length} lines for ${requests.length}`);
  return lines.map((l) => JSON.parse(l) as unknown);
}

/** Python's verdicts on `scripts`, in order. */
export function checkScriptsWithPython(scripts: readonly string[]): ScriptVerdict[] {
  return runChecker(scripts.map((script) => ({ op: 'script', script }))) as ScriptVerdict[];
}

/** `ast.literal_eval` of each text, in order. */
export function evalLiteralsWithPython(texts: readonly string[]): LiteralVerdict[] {
  return runChecker(texts.map((text) => ({ op: 'literal', text }))) as LiteralVerdict[];
}
