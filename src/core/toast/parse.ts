/**
 * Parser of the TOAST ground-schedule text (fixed-width "verbose" form, spec §1). Each data row
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
  const fail = (what: string): never => {
    throw new ScheduleInputError(`${source} line ${lineNo}: ${what}`, 'config.master_schedule');
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
  const azMin = num(TOAST_COLUMNS.azMin, 'Az min');
  const azMax = num(TOAST_COLUMNS.azMax, 'Az max');
  const el = num(TOAST_COLUMNS.el, 'El');
  return scanBlock({ name: intern(name), t0, t1, az: azMin, alt: el, throw: Math.abs(azMax - azMin) });
}
