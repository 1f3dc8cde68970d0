import fc from 'fast-check';
import { evalLiteralsWithPython } from '../../testing/python';
import { formatFixed2, formatHundredths, pyComment, pyStr } from './python-literal';

describe('formatFixed2 (Python "{:.2f}")', () => {
  it.each<[number, string]>([
    [0.125, '0.12'],
    [0.375, '0.38'],
    [0.625, '0.62'],
    [0.875, '0.88'],
    [1.125, '1.12'],
    [7.875, '7.88'],
    [-0.125, '-0.12'],
    [-2.375, '-2.38'],
    [2.675, '2.67'],
    [0.005, '0.01'],
    [0.015, '0.01'],
    [-0.005, '-0.01'],
    [0.995, '0.99'],
    [1.005, '1.00'],
    [2.5, '2.50'],
    [-0.001, '-0.00'],
    [-0, '-0.00'],
    [0, '0.00'],
    [32.24000000000001, '32.24'],
    [259.8296, '259.83'],
    [1.0393, '1.04'],
    [395.73, '395.73'],
    [123456.785, '123456.79'],
    [1e15 + 0.125, '1000000000000000.12'],
    [4503599627370495.5, '4503599627370495.50'],
    [1e21, '1000000000000000000000.00'],
    [1e22, '10000000000000000000000.00'],
  ])('formats %p as %p', (x, s) => {
    expect(formatFixed2(x)).toBe(s);
  });

  it.each([Number.NaN, Infinity, -Infinity])('refuses %p: nan and inf are not Python literals', (x) => {
    expect(() => formatFixed2(x)).toThrow(RangeError);
    expect(() => formatFixed2(x)).toThrow(`python literal: a .2f value must be a finite number, got ${String(x)}`);
  });
});

describe('formatHundredths', () => {
  it('writes whole hundredths with two decimals, exactly', () => {
    expect([0, 5, 100, 12345, 360000].map(formatHundredths)).toEqual(['0.00', '0.05', '1.00', '123.45', '3600.00']);
  });
  it.each([-1, 1.5, Number.NaN, Infinity, 2 ** 53])('refuses %p', (n) => {
    expect(() => formatHundredths(n)).toThrow(RangeError);
    expect(() => formatHundredths(n)).toThrow(new RangeError(`python literal: hundredths must be a non-negative safe integer, got ${String(n)}`));
  });
});

describe('pyStr', () => {
  it.each<[string, string]>([
    ['saturn', "'saturn'"],
    ['DEC-050..-030_RA+000.000..+011.613', "'DEC-050..-030_RA+000.000..+011.613'"],
    ["Fornax's field", "'Fornax\\'s field'"],
    ["x');import os;os.system('id');#", "'x\\');import os;os.system(\\'id\\');#'"],
    ['a\\b', "'a\\\\b'"],
    ['line\nbreak\r\ttab', "'line\\nbreak\\r\\ttab'"],
    ['\0\x07\x1b\x7f', "'\\x00\\x07\\x1b\\x7f'"],
    ['é\u00a0', "'\\xe9\\xa0'"],
    ['\u00ff\u0100', "'\\xff\\u0100'"],
    ['\uffff', "'\\uffff'"],
    ['\u{10000}', "'\\U00010000'"],
    ['Ω\u2028\u202e', "'\\u03a9\\u2028\\u202e'"],
    ['🔭', "'\\U0001f52d'"],
    ['\ud800x\udfff', "'\\ud800x\\udfff'"],
    ['"double"', `'"double"'`],
    ['', "''"],
  ])('renders %j as %s', (text, literal) => {
    expect(pyStr(text)).toBe(literal);
  });

  it('escapes every ASCII character that needs it wherever it stands, and leaves the rest as they are', () => {
    const escapes: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x27: "\\'", 0x5c: '\\\\' };
    for (let c = 0; c < 0x80; c++) {
      const ch = String.fromCharCode(c);
      const expected = escapes[c] ?? (c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch);
      expect(pyStr(`saturn${ch}`)).toBe(`'saturn${expected}'`);
      expect(pyStr(`${ch}saturn`)).toBe(`'${expected}saturn'`);
      expect(pyComment(`a${ch}b`)).toBe(`# a${c === 0x27 ? "'" : expected}b`);
    }
  });

  it('writes ASCII only', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => /^[\x20-\x7e]*$/.test(pyStr(s))),
      { numRuns: 500 },
    );
  });

  it('round-trips through ast.literal_eval for any string, lone surrogates included', () => {
    const samples = fc.sample(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: fc.constantFrom("'", '"', '\\', '\n', '\r', '\t', '\0', '#', ')', 'x', '\u2028', '\ud800', '\udc00'), maxLength: 20 }),
      ),
      { numRuns: 600, seed: 20270301 },
    );
    const verdicts = evalLiteralsWithPython(samples.map(pyStr));
    const wrong = samples.filter((s, i) => !verdicts[i].ok || verdicts[i].value !== s);
    expect(wrong).toEqual([]);
  });

  it('refuses a value that is not a string', () => {
    expect(() => pyStr(42 as unknown as string)).toThrow(new TypeError('python literal: expected a string, got number'));
    expect(() => pyComment(undefined as unknown as string)).toThrow(new TypeError('python literal: expected a string, got undefined'));
  });
});

describe('pyComment', () => {
  it('keeps printable ASCII, quotes included, as it is', () => {
    expect(pyComment('saturn')).toBe('# saturn');
    expect(pyComment("Fornax's field")).toBe("# Fornax's field");
  });
  it('can never start a new line', () => {
    expect(pyComment("x\nimport os\r\nos.system('id')")).toBe("# x\\nimport os\\r\\nos.system('id')");
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const c = pyComment(s);
        return c.startsWith('# ') && /^[\x20-\x7e]*$/.test(c);
      }),
      { numRuns: 500 },
    );
  });
  it('escapes backslashes so the text reads back unambiguously', () => {
    expect(pyComment('a\\nb')).toBe('# a\\\\nb');
    expect(pyComment('a\nb')).toBe('# a\\nb');
  });
});
