/**
 * Parser of the TOAST ground-schedule text (fixed-width "verbose" form, basic-policy §1). Each data row
 * becomes a ScanBlock pointing at `az_min` with width `|az_max − az_min|`.
 */
import { scanBlock } from '../blocks/block';
import type { ScanBlock } from '../blocks/types';
import { ScheduleInputError } from '../errors';
import { parseUtcString } from '../time/format';

/** Header lines skipped before the data rows (their content is not checked, as the original). */
export const TOAST_HEADER_LINES = 3;

/** Column ranges of the fields the parser uses: 0-based, half-open. */
export const TOAST_COLUMNS = {
  startUtc: [0, 20],
  stopUtc: [20, 41],
  patch: [81, 116],
  azMin: [116, 126],
  azMax: [126, 135],
  el: [135, 144],
} as const;

/** Longest accepted patch name, in characters (code points). */
export const MAX_PATCH_NAME_CHARS = 64;

// Python's `str.isprintable()`: no control, format, surrogate, private-use or unassigned
// character, and no separator other than the ASCII space.
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

/** `U+00E9` for a code point. */
function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `name` is not an acceptable patch name, with the 0-based UTF-16 offset of the offending
 * character, or `undefined` when it is printable text of 1 to `MAX_PATCH_NAME_CHARS` characters.
 * Names become script text (always as Python literals); this keeps them plain text as well.
 */
export function patchNameProblem(name: string): { readonly offset: number; readonly why: string } | undefined {
  let offset = 0;
  let count = 0;
  for (const ch of name) {
    if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      const what = /\p{Cc}/u.test(ch) ? 'a control character' : 'a character that is not printable';
      return { offset, why: `patch name has ${what} (${codePointLabel(ch.codePointAt(0)!)})` };
    }
    if (++count > MAX_PATCH_NAME_CHARS) {
      return { offset, why: `patch name is longer than ${MAX_PATCH_NAME_CHARS} characters` };
    }
    offset += ch.length;
  }
  return undefined;
}

/** A row must reach the end of the `El` column. */
const MIN_ROW_LENGTH = TOAST_COLUMNS.el[1];
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Options of `parseToast`. */
export interface ParseToastOptions {
  /** How errors name the text, e.g. `master_schedule "sat.txt"`. @default "master_schedule" */
  readonly source?: string;
}

/**
 * Parses TOAST text: skips exactly the first 3 lines and blank lines, accepts a missing final
 * newline (and CRLF). A malformed row throws a ScheduleInputError naming its line number.
 */
export function parseToast(text: string, opts: ParseToastOptions = {}): ScanBlock[] {
  const source = opts.source ?? 'master_schedule';
  const lines = text.split('\n');
  const out: ScanBlock[] = [];
  // Patch names are slices of \`text\`: kept as they are, they would keep the whole text alive for
  // as long as the blocks (a parsed file is cached). One fresh copy per distinct name instead.
  const names = new Map<string, string>();
  const intern = (name: string): string => {
    let copy = names.get(name);
    if (copy === undefined) {
      copy = Buffer.from(name, 'utf8').toString('utf8');
      names.set(copy, copy);
    }
    return copy;
  };
  for (let i = TOAST_HEADER_LINES; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (line.trim() === '') continue;
    out.push(parseRow(line, i + 1, source, intern));
  }
  return out;
}

function parseRow(line: string, lineNo: number, source: string, intern: (name: string) => string): ScanBlock {
  const fail = (what: string, column?: number): never => {
    const where = column === undefined ? `line ${lineNo}` : `line ${lineNo}, column ${column}`;
    throw new ScheduleInputError(`${source} ${where}: ${what}`, 'config.master_schedule');
  };
  if (line.length < MIN_ROW_LENGTH) {
    fail(`row too short (${line.length} characters; the columns need at least ${MIN_ROW_LENGTH})`);
  }
  const field = ([a, b]: readonly [number, number]): string => line.slice(a, b).trim();

  const time = (range: readonly [number, number], label: string): number => {
    const s = field(range);
    try {
      return parseUtcString(s);
    } catch {
      return fail(`${label} "${s}" is not a time YYYY-MM-DD HH:MM:SS (columns ${range[0] + 1}-${range[1]})`);
    }
  };
  const num = (range: readonly [number, number], label: string): number => {
    const s = field(range);
    if (!NUMBER.test(s)) fail(`${label} "${s}" is not a number (columns ${range[0] + 1}-${range[1]})`);
    return Number(s);
  };

  const t0 = time(TOAST_COLUMNS.startUtc, 'start time');
  const t1 = time(TOAST_COLUMNS.stopUtc, 'stop time');
  if (t1 < t0) fail(`stop time ${field(TOAST_COLUMNS.stopUtc)} is before start time ${field(TOAST_COLUMNS.startUtc)}`);
  const name = field(TOAST_COLUMNS.patch);
  if (name === '') fail(`patch name is empty (columns ${TOAST_COLUMNS.patch[0] + 1}-${TOAST_COLUMNS.patch[1]})`);
  const bad = patchNameProblem(name);
  if (bad) {
    const raw = line.slice(TOAST_COLUMNS.patch[0], TOAST_COLUMNS.patch[1]);
    const column = TOAST_COLUMNS.patch[0] + (raw.length - raw.trimStart().length) + bad.offset + 1;
    fail(`${bad.why}; a patch name must be printable text of at most ${MAX_PATCH_NAME_CHARS} characters`, column);
  }
  const azMin = num(TOAST_COLUMNS.azMin, 'Az min');
  const azMax = num(TOAST_COLUMNS.azMax, 'Az max');
  const el = num(TOAST_COLUMNS.el, 'El');
  return scanBlock({ name: intern(name), t0, t1, az: azMin, alt: el, throw: Math.abs(azMax - azMin) });
}
