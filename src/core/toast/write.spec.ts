import { describeWithReference, readReferenceText } from '../../testing/reference';
import type { PlannedScan } from '../planner/plan';
import { toastHeader, toastRow, writeToast } from './write';

/** A row as the planner would give it, with every column distinct so misplacements show. */
function sample(over: Partial<PlannedScan> = {}): PlannedScan {
  return {
    t0: Date.UTC(2026, 0, 2, 3, 4, 5) * 1000,
    t1: Date.UTC(2026, 0, 2, 4, 0, 0) * 1000,
    rotation: 135,
    patch: 'DEC-050..-030_RA+000.000..+011.613',
    kind: 'sky',
    azMin: 218.08,
    azMax: 250.32,
    el: 50,
    side: 'S',
    sunEl0: -13.35,
    sunAz0: 237.5,
    sunEl1: -22.22,
    sunAz1: 230.79,
    moonEl0: 53.83,
    moonAz0: 349.43,
    moonEl1: 50.07,
    moonAz1: 331.91,
    moonPhase: 0.7,
    pass: 12,
    sub: 3,
    ...over,
  };
}

describe('toastRow', () => {
  it('puts every field at the column boundaries the reader uses (basic-policy §1)', () => {
    const row = toastRow(sample());
    expect(row).toHaveLength(238);
    const field = (a: number, b: number): string => row.slice(a, b).trim();
    expect(field(0, 20)).toBe('2026-01-02 03:04:05');
    expect(field(20, 41)).toBe('2026-01-02 04:00:00');
    expect(field(41, 57)).toBe('61042.127836');
    expect(field(57, 72)).toBe('61042.166667');
    expect(field(72, 81)).toBe('135.00');
    expect(field(81, 116)).toBe('DEC-050..-030_RA+000.000..+011.613');
    expect(field(116, 126)).toBe('218.08');
    expect(field(126, 135)).toBe('250.32');
    expect(field(135, 144)).toBe('50.00');
    expect(field(144, 146)).toBe('S');
    // Right-aligned columns end at these positions.
    const ends: [number, string][] = [
      [159, '-13.35'],
      [168, '237.50'],
      [177, '-22.22'],
      [186, '230.79'],
      [195, '53.83'],
      [204, '349.43'],
      [213, '50.07'],
      [222, '331.91'],
      [228, '0.70'],
      [234, '12'],
      [238, '3'],
    ];
    for (const [end, text] of ends) expect(row.slice(end - text.length, end)).toBe(text);
  });

  it('keeps short names, small angles and negative zero in their columns', () => {
    const row = toastRow(sample({ patch: 'south', azMin: 5, azMax: 9.5, sunEl0: -0, pass: 0, sub: 0 }));
    expect(row).toHaveLength(238);
    expect(row.slice(81, 116)).toBe(' south' + ' '.repeat(29));
    expect(row.slice(116, 126)).toBe('      5.00');
    expect(row.slice(146, 159).trim()).toBe('0.00');
  });
});

describe('writeToast', () => {
  it('writes three header lines then one line per scan', () => {
    const text = writeToast([sample(), sample({ sub: 4 })]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
    expect(lines[0]).toMatch(/^#Site/);
    expect(lines[1]).toBe(' ATACAMA         SAT                     -22.958         -67.786          5200.0');
    expect(lines[2]).toHaveLength(238);
    expect(lines[4].slice(234)).toBe('   4');
  });

  it('writes only the header for an empty plan', () => {
    expect(writeToast([])).toBe(toastHeader());
  });
});

describeWithReference('writeToast against the real 2023 plan', () => {
  const lines = readReferenceText('schedule_sat.txt').split('\n');

  it('writes the same three header lines', () => {
    expect(toastHeader()).toBe(lines.slice(0, 3).join('\n') + '\n');
  });

  it('re-writes every one of its rows byte for byte from the values they hold', () => {
    const rows = lines.slice(3).filter((l) => l.trim() !== '');
    expect(rows.length).toBe(5460);
    let same = 0;
    for (const line of rows) {
      const w = line.trim().split(/\s+/);
      // A few rows stop at fractional seconds: the text shows whole seconds and the MJD the rest.
      const when = (d: string, t: string, mjd: string): number => {
        const whole = Date.parse(`${d}T${t}Z`) * 1000;
        const frac = ((Number(mjd) - 40587) * 86400 - whole / 1e6) * 1e6;
        return whole + Math.min(Math.max(Math.round(frac), 0), 999_999);
      };
      const n = (i: number): number => Number(w[i]);
      const row = toastRow({
        t0: when(w[0], w[1], w[4]),
        t1: when(w[2], w[3], w[5]),
        rotation: n(6),
        patch: w[7],
        kind: w[7] === 'south' ? 'horizontal' : 'sky',
        azMin: n(8),
        azMax: n(9),
        el: n(10),
        side: w[11] as 'R' | 'S',
        sunEl0: n(12),
        sunAz0: n(13),
        sunEl1: n(14),
        sunAz1: n(15),
        moonEl0: n(16),
        moonAz0: n(17),
        moonEl1: n(18),
        moonAz1: n(19),
        moonPhase: n(20),
        pass: n(21),
        sub: n(22),
      });
      if (row === line) same++;
      else expect(row).toBe(line);
    }
    expect(same).toBe(rows.length);
  });
});
