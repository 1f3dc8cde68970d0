import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describeWithReference, REFERENCE_DIR } from '../../testing/reference';
import { readTextFile, TEXT_BLOCK_BYTES } from './read-text';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-text-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileOf(bytes: Uint8Array, name = 'f.txt'): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('readTextFile', () => {
  it('gives the same text as readFileSync for any bytes and any block size, characters split between blocks and bytes that are not UTF-8 included', () => {
    // Mostly valid UTF-8 of every length class, with arbitrary bytes mixed in.
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme' }).map((s) => Buffer.from(s, 'utf8')),
      fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 9 }), (pieces, block) => {
        const path = fileOf(Buffer.concat(pieces));
        expect(readTextFile(path, block)).toBe(readFileSync(path, 'utf8'));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a byte-order mark, and an empty file is empty', () => {
    const bom = fileOf(Buffer.from('\uFEFFtoast ✓\n', 'utf8'), 'bom.txt');
    expect(readTextFile(bom)).toBe('\uFEFFtoast ✓\n');
    expect(readTextFile(fileOf(new Uint8Array(0), 'empty.txt'))).toBe('');
  });

  it('reads a text of several blocks (a four-byte character across each boundary)', () => {
    const unit = 'a'.repeat(TEXT_BLOCK_BYTES - 2) + '😀';
    const text = unit.repeat(3) + 'end';
    const path = fileOf(Buffer.from(text, 'utf8'), 'long.txt');
    expect(readTextFile(path)).toBe(text);
  });

  it('reports a missing file as readFileSync does', () => {
    const missing = join(dir, 'missing.txt');
    expect(() => readTextFile(missing)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describeWithReference('readTextFile on the reference master schedule', () => {
  it('gives the text readFileSync gives', () => {
    const path = join(REFERENCE_DIR, 'schedule_sat.txt');
    expect(readTextFile(path)).toBe(readFileSync(path, 'utf8'));
  });
});
