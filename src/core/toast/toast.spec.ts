import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithReference, readReferenceText, REFERENCE_DIR } from '../../testing/reference';
import { ScheduleInputError } from '../errors';
import { isoformat } from '../time/format';
import { clearMasterScheduleCache, loadMasterSchedule } from './load';
import { parseToast, patchNameProblem } from './parse';

interface Row {
  start: string;
  stop: string;
  patch: string;
  azMin: number;
  azMax: number;
  el: number;
  mode?: 'R' | 'S';
}

const num = (x: number, width: number, digits = 2): string => x.toFixed(digits).padStart(width);

/** A synthetic 238-character TOAST row with the column layout of §1. */
function row(r: Row): string {
  const line =
    ` ${r.start}` +
    `  ${r.stop}` +
    num(60000.1, 16, 6) +
    num(60000.2, 15, 6) +
    num(90, 9) +
    ` ${r.patch.padEnd(34)}` +
    num(r.azMin, 10) +
    num(r.azMax, 9) +
    num(r.el, 9) +
    ` ${r.mode ?? 'R'}` +
    [-10, 100, -11, 101, 20, 200, 21, 201].map((x) => num(x, x === -10 ? 13 : 9)).join('') +
    num(0.5, 6) +
    '     1   2';
  expect(line).toHaveLength(238);
  return line;
}

const HEADER = [
  '#Site            Telescope        Latitude [deg] Longitude [deg]   Elevation [m]',
  ' TESTSITE        TEL                     -10.000         -50.000          1000.0',
  '#      Start time UTC        Stop time UTC      Start MJD       Stop MJD Rotation Patch name                            Az min   Az max       El   R/S  Sun el1  Sun az1  Sun el2  Sun az2 Moon el1 Moon az1 Moon el2 Moon az2 Phase  Pass Sub',
];

const ROWS: Row[] = [
  { start: '2030-03-01 10:00:00', stop: '2030-03-01 10:30:15', patch: 'field_A', azMin: 120.5, azMax: 150.25, el: 45, mode: 'S' },
  { start: '2030-03-01 10:30:15', stop: '2030-03-01 11:00:00', patch: 'field_A', azMin: 121.25, azMax: 149.75, el: 45 },
  { start: '2030-03-01 11:00:00', stop: '2030-03-01 11:00:00', patch: 'south', azMin: 200, azMax: 170.5, el: 55.5 },
  { start: '2030-03-01 10:15:00', stop: '2030-03-01 10:45:00', patch: 'field_A', azMin: 120.5, azMax: 150.25, el: 45 },
];

const toastText = (rows: readonly string[], finalNewline = true): string =>
  [...HEADER, ...rows].join('\n') + (finalNewline ? '\n' : '');

describe('parseToast', () => {
  it('turns each row into a ScanBlock at az_min with width |az_max − az_min|', () => {
    const blocks = parseToast(toastText(ROWS.map(row)));
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toEqual({
      kind: 'scan',
      name: 'field_A',
      t0: Date.UTC(2030, 2, 1, 10) * 1000,
      t1: Date.UTC(2030, 2, 1, 10, 30, 15) * 1000,
      az: 120.5,
      alt: 45,
      throw: 29.75,
    });
    expect(blocks[2]).toMatchObject({ name: 'south', az: 200, alt: 55.5, throw: 29.5 });
    expect(blocks[2].t0).toBe(blocks[2].t1);
    // Nothing is sorted or de-duplicated: the overlapping 4th row stays last.
    expect(isoformat(blocks[3].t0)).toBe('2030-03-01T10:15:00+00:00');
  });

  it('computes the throw in double precision', () => {
    const [b] = parseToast(toastText([row({ ...ROWS[0], azMin: 218.08, azMax: 250.32 })]));
    expect(b.throw).toBe(250.32 - 218.08);
    // What Python's float subtraction gives too (the spec's "32.24000000000001" is a slip).
    expect(b.throw).toBe(32.23999999999998);
  });

  it('skips exactly 3 lines and blank lines; accepts no final newline and CRLF', () => {
    const rows = ROWS.map(row);
    const expected = parseToast(toastText(rows));
    expect(parseToast(toastText(rows, false))).toEqual(expected);
    expect(parseToast(toastText([rows[0], '', '   ', rows[1], rows[2], '', rows[3]]))).toEqual(expected);
    expect(parseToast(toastText(rows).replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(parseToast(HEADER.join('\n'))).toEqual([]);
    expect(parseToast('')).toEqual([]);
    // A header line with garbage is not checked.
    expect(parseToast(['x', 'y', 'z', rows[0]].join('\n'))).toHaveLength(1);
  });

  const bad = (lines: string[]): (() => void) => () => parseToast(toastText(lines));
  const good = row(ROWS[0]);

  it.each<[string, string, RegExp]>([
    ['a short row', good.slice(0, 120), /line 5: row too short \(120 characters/],
    ['an unparsable start', 'X' + good.slice(1).replace('2030-03-01 10:00:00', '2030-13-01 10:00:00'), /line 5: start time .* is not a time/],
    ['an unparsable stop', good.replace('2030-03-01 10:30:15', '2030-03-01 1O:30:15'), /line 5: stop time "2030-03-01 1O:30:15" is not a time/],
    ['a bad az_min', good.slice(0, 116) + '    abc.de' + good.slice(126), /line 5: Az min "abc.de" is not a number/],
    ['a bad el', good.slice(0, 135) + '      nan' + good.slice(144), /line 5: El "nan" is not a number/],
    ['t1 < t0', row({ ...ROWS[0], stop: '2030-03-01 09:59:59' }), /line 5: stop time 2030-03-01 09:59:59 is before start time 2030-03-01 10:00:00/],
    ['an empty patch', good.slice(0, 81) + ' '.repeat(35) + good.slice(116), /line 5: patch name is empty/],
    ['a comment row', '#' + good.slice(1), /line 5: start time/],
  ])('names the line number for %s', (_what, line, message) => {
    const f = bad([good, line]);
    expect(f).toThrow(ScheduleInputError);
    expect(f).toThrow(message);
  });

  it.each<[string, string, RegExp]>([
    ['a control character', 'field\x07A', /line 5, column 88: patch name has a control character \(U\+0007\); a patch name must be printable text of at most 64 characters/],
    ['an escape sequence', 'a\x1b[2Jb', /line 5, column 84: patch name has a control character \(U\+001B\)/],
    ['a right-to-left override', 'abc\u202edef', /line 5, column 86: patch name has a character that is not printable \(U\+202E\)/],
    ['a line separator', 'ab\u2028cd', /line 5, column 85: .*\(U\+2028\)/],
    ['a no-break space', 'ab\u00a0cd', /line 5, column 85: .*\(U\+00A0\)/],
    ['a lone surrogate', 'ab\ud800cd', /line 5, column 85: .*\(U\+D800\)/],
  ])('refuses a patch name with %s, naming line and column', (_what, patch, message) => {
    const f = bad([good, row({ ...ROWS[0], patch })]);
    expect(f).toThrow(ScheduleInputError);
    expect(f).toThrow(message);
  });

  it('accepts printable names with quotes, backslashes and any script', () => {
    const names = ["Fornax's field", "x');import os;os.system('id');#", 'a\\b "c"', 'Ωμέγα 東京 🔭'];
    const blocks = parseToast(toastText(names.map((patch) => row({ ...ROWS[0], patch }))));
    expect(blocks.map((b) => b.name)).toEqual(names);
  });

  it('refuses a name longer than 64 characters (patchNameProblem)', () => {
    expect(patchNameProblem('a'.repeat(64))).toBeUndefined();
    expect(patchNameProblem('a'.repeat(65))).toEqual({ offset: 64, why: 'patch name is longer than 64 characters' });
    expect(patchNameProblem('🔭'.repeat(64))).toBeUndefined();
  });

  it('counts blank lines in the line number', () => {
    expect(bad([good, '', '', good.slice(0, 50)])).toThrow(/line 7:/);
  });
});

describe('loadMasterSchedule', () => {
  let root: string;
  let data: string;
  const text = toastText(ROWS.map(row));

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'toast-'));
    data = join(root, 'data');
    mkdirSync(join(data, 'sub'), { recursive: true });
    writeFileSync(join(data, 'sat.txt'), text);
    writeFileSync(join(data, 'sub', 'two.txt'), toastText(ROWS.slice(0, 2).map(row)));
    writeFileSync(join(data, 'broken.txt'), toastText([row(ROWS[0]), 'garbage']));
    writeFileSync(join(root, 'secret.txt'), text);
    symlinkSync(join(root, 'secret.txt'), join(data, 'escape.txt'));
    symlinkSync(join(data, 'sat.txt'), join(data, 'alias.txt'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeEach(() => clearMasterScheduleCache());

  it('parses inline text when the value contains a newline', () => {
    const blocks = loadMasterSchedule(text, '/nonexistent');
    expect(blocks).toHaveLength(4);
    expect(Object.isFrozen(blocks)).toBe(true);
  });

  it('reads a file of the data directory, frozen and cached', () => {
    const a = loadMasterSchedule('sat.txt', data);
    expect(a).toEqual(parseToast(text));
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a[0])).toBe(true);
    expect(loadMasterSchedule('sat.txt', data)).toBe(a);
    expect(loadMasterSchedule('./sat.txt', data)).toBe(a);
    expect(loadMasterSchedule('sub/two.txt', data)).toHaveLength(2);
    expect(loadMasterSchedule('sub/../sat.txt', data)).toBe(a);
    expect(loadMasterSchedule('alias.txt', data)).toBe(a);
  });

  it('sees a changed file', () => {
    const file = join(data, 'changing.txt');
    writeFileSync(file, text);
    expect(loadMasterSchedule('changing.txt', data)).toHaveLength(4);
    writeFileSync(file, toastText([row(ROWS[1])]));
    utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(loadMasterSchedule('changing.txt', data)).toHaveLength(1);
  });

  it.each(['/etc/passwd', join(REFERENCE_DIR, 'schedule_sat.txt'), '../secret.txt', 'sub/../../secret.txt', 'escape.txt', 'sat.txt\0x', '', '.', 'sub/..'])(
    'refuses %p',
    (spec) => {
      const f = (): unknown => loadMasterSchedule(spec, data);
      expect(f).toThrow(ScheduleInputError);
      expect(f).toThrow('master_schedule must name a file inside the data directory');
    },
  );

  it('names a missing file without the server path', () => {
    const f = (): unknown => loadMasterSchedule('nope.txt', data);
    expect(f).toThrow(ScheduleInputError);
    expect(f).toThrow('master_schedule file "nope.txt" was not found in the data directory');
    try {
      f();
    } catch (e) {
      expect((e as Error).message).not.toContain(root);
      expect((e as ScheduleInputError).path).toBe('config.master_schedule');
    }
    expect(() => loadMasterSchedule('sat.txt', join(root, 'missing-dir'))).toThrow(/"sat.txt" was not found/);
  });

  it('refuses a directory and reports parse errors with the file name', () => {
    expect(() => loadMasterSchedule('sub', data)).toThrow(/"sub" is not a file/);
    expect(() => loadMasterSchedule('broken.txt', data)).toThrow(/master_schedule "broken.txt" line 5: row too short/);
  });
});

describeWithReference('parseToast on the reference master schedule', () => {
  it('parses schedule_sat.txt: 5460 blocks, 14 names, the first row of §1', () => {
    const blocks = parseToast(readReferenceText('schedule_sat.txt'));
    expect(blocks).toHaveLength(5460);
    expect(new Set(blocks.map((b) => b.name)).size).toBe(14);
    expect(blocks.filter((b) => b.name === 'south')).toHaveLength(1467);
    const first = blocks[0];
    expect(first.name).toBe('DEC-050..-030_RA+000.000..+011.613');
    expect(isoformat(first.t0)).toBe('2023-01-01T00:22:00+00:00');
    expect(isoformat(first.t1)).toBe('2023-01-01T01:09:30+00:00');
    expect(first.az).toBe(218.08);
    expect(first.alt).toBe(50);
    expect(first.throw).toBe(32.23999999999998);
    expect(isoformat(blocks[5459].t1)).toBe('2023-12-30T23:54:00+00:00');
    expect(new Set(blocks.map((b) => b.alt))).toEqual(new Set([50, 60]));
    const az = blocks.map((b) => b.az);
    const widths = blocks.map((b) => b.throw);
    expect([Math.min(...az), Math.max(...az)]).toEqual([109.66, 239.47]);
    expect([Math.min(...widths), Math.max(...widths)].map((x) => x.toFixed(2))).toEqual(['2.20', '47.95']);
  });
});
