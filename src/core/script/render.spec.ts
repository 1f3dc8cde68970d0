import { scanBlock } from '../blocks/block';
import { plainBlock } from '../blocks/block';
import type { ScanBlock } from '../blocks/types';
import { describeWithReference, readReferenceJson, REFERENCE_BASIC_FILES, type ReferenceRun } from '../../testing/reference';
import { parseIsoformat } from '../time/format';
import { checkScriptsWithPython } from '../../testing/python';
import { PREAMBLE, renderCommands, renderGroup } from './render';

const utc = (s: string): number => parseIsoformat(s);

describe('renderGroup / renderCommands (spec §8)', () => {
  const saturn = scanBlock({
    name: 'saturn',
    t0: utc('2023-01-01T00:44:07.159354+00:00'),
    t1: utc('2023-01-01T00:48:32.248190+00:00'),
    az: 259.8296,
    alt: 15.8157,
    throw: 1.0393,
  });

  it('has a 148-character preamble ending in a newline', () => {
    expect(PREAMBLE).toHaveLength(148);
    expect(PREAMBLE.split('\n')).toHaveLength(9);
    expect(PREAMBLE.startsWith('from sorunlib import *\nfrom nextline import disable_trace\n\n')).toBe(true);
    expect(PREAMBLE.endsWith('smurf.iv_curve()\n')).toBe(true);
  });

  it('renders the example group', () => {
    expect(renderGroup(saturn)).toBe(
      [
        '# saturn',
        'acu.move_to(259.83, 15.82)',
        'smurf.bias_dets()',
        "wait_until('2023-01-01T00:44:07.159354+00:00')",
        'smurf.bias_step()',
        "seq.scan(description='saturn', stop_time='2023-01-01T00:48:32.248190+00:00', width=1.04)",
        'smurf.bias_step()',
        '',
      ].join('\n'),
    );
  });

  it('writes whole-second times without a fraction', () => {
    const m = scanBlock({
      name: 'DEC-050..-030_RA+000.000..+011.613',
      t0: utc('2023-01-01T00:22:00Z'),
      t1: utc('2023-01-01T00:44:07.159354Z'),
      az: 218.08,
      alt: 50,
      throw: 250.32 - 218.08,
    });
    const g = renderGroup(m);
    expect(g).toContain("wait_until('2023-01-01T00:22:00+00:00')");
    expect(g).toContain('acu.move_to(218.08, 50.00)');
    expect(g).toContain('width=32.24)');
    // §11.1: a 34-character name, one time with microseconds and a 5-character width add 277.
    expect(1 + g.length).toBe(277);
  });

  it('joins the preamble and groups; the length is 148 + Σ(1 + len(group))', () => {
    const blocks = [saturn, plainBlock(0, 1), { ...saturn, name: 'uranus' } as ScanBlock];
    const text = renderCommands(blocks);
    const groups = [renderGroup(saturn), renderGroup({ ...saturn, name: 'uranus' })];
    expect(text).toBe(`${PREAMBLE}\n${groups[0]}\n${groups[1]}`);
    expect(text).toHaveLength(148 + groups.reduce((n, g) => n + 1 + g.length, 0));
    expect(text.endsWith('smurf.bias_step()\n')).toBe(true);
  });

  it('gives the preamble alone for no scans', () => {
    expect(renderCommands([])).toBe(PREAMBLE);
    expect(renderCommands([plainBlock(0, 1)])).toBe(PREAMBLE);
  });
});

describeWithReference('renderCommands reproduces the reference scripts', () => {
  it.each(REFERENCE_BASIC_FILES)('%s', (file) => {
    const ref = readReferenceJson<ReferenceRun>(`basic/${file}`);
    const blocks = ref.blocks.map((b) =>
      scanBlock({ name: b.name, t0: parseIsoformat(b.t0), t1: parseIsoformat(b.t1), az: b.az, alt: b.alt, throw: b.throw }),
    );
    expect(blocks.length).toBeGreaterThan(10);
    expect(renderCommands(blocks)).toBe(ref.commands);
  });
});

describe('renderGroup: names and values enter the script as Python literals', () => {
  const at = (name: string): ScanBlock =>
    scanBlock({ name, t0: utc('2027-03-01T01:00:00Z'), t1: utc('2027-03-01T01:30:00.5Z'), az: 120, alt: 50, throw: 30 });
  const hostile = [
    "x');import os;os.system('id');#",
    "Fornax's field",
    'back\\slash',
    'new\nline\rimport os',
    '\u2028sep\u2029',
    '東京 🔭',
    '\ud800lone',
  ];

  it('quotes the description and escapes the comment', () => {
    const g = renderGroup(at("x');import os;os.system('id');#"));
    expect(g).toContain("seq.scan(description='x\\');import os;os.system(\\'id\\');#', stop_time='2027-03-01T01:30:00.500000+00:00', width=30.00)");
    expect(g.split('\n')[0]).toBe("# x');import os;os.system('id');#");
  });

  it('gives scripts that Python parses into the known calls, each description equal to its name', () => {
    const scripts = hostile.map((name) => renderCommands([at(name), at('plain')]));
    const verdicts = checkScriptsWithPython(scripts);
    verdicts.forEach((v, i) => {
      expect(v.errors).toEqual([]);
      expect(v.scans).toEqual([hostile[i], 'plain']);
      // One comment per group: no name opened a second line.
      expect(v.comments).toHaveLength(2);
    });
  });

  it('refuses a pointing or width that is not a finite number', () => {
    expect(() => renderGroup({ ...at('x'), az: Number.NaN })).toThrow(RangeError);
    expect(() => renderGroup({ ...at('x'), throw: Infinity })).toThrow(/finite/);
  });
});
