/**
 * Every citation of the design notes in the tree resolves: `basic-policy §5.1`, a bare `§5.1`,
 * `F7` and `deliberate difference 4` must name a heading (or list item) that exists in `docs/`.
 * The citation forms are defined in docs/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCS_DIR = join(ROOT, 'docs');
/** The note a bare `§N` or `FN` in a source file refers to. */
const DEFAULT_NOTE = 'basic-policy';
const SCANNED_DIRS = ['src', 'test', 'bench', 'scripts', 'docs'];
const SCANNED_ROOT_FILES = ['README.md'];
const SCANNED_EXT = /\.(?:ts|js|md)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

/** What one note offers to cite. */
interface Note {
  readonly sections: ReadonlySet<string>;
  readonly findings: ReadonlySet<string>;
  readonly differences: ReadonlySet<string>;
  readonly links: readonly string[];
}

function parseNote(text: string): Note {
  const sections = new Set<string>();
  const findings = new Set<string>();
  const differences = new Set<string>();
  let inDifferences = false;
  let differencesLevel = 0;
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      const title = heading[2];
      const section = /^(\d+(?:\.\d+)*)\.?\s/.exec(title);
      if (section) sections.add(section[1]);
      const finding = /^(F\d+)\.\s/.exec(title);
      if (finding) findings.add(finding[1]);
      if (inDifferences && level <= differencesLevel) inDifferences = false;
      if (/^deliberate differences\b/i.test(title)) {
        inDifferences = true;
        differencesLevel = level;
      }
      continue;
    }
    const item = /^(\d+)\.\s/.exec(line);
    if (inDifferences && item) differences.add(item[1]);
  }
  const links = [...text.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)].map((m) => m[1]);
  return { sections, findings, differences, links };
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile() && SCANNED_EXT.test(e.name)) out.push(p);
  }
  return out;
}

const noteFiles = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md'));
const notes = new Map<string, Note>(
  noteFiles.map((f) => [basename(f, '.md'), parseNote(readFileSync(join(DOCS_DIR, f), 'utf8'))]),
);
const noteNames = [...notes.keys()].map((n) => n.replace(/[-]/g, '\\-')).join('|');
/**
 * An optional note name before the citation (`basic-policy`, `docs/safety.md`, a backquoted path
 * or a markdown link to the note), then `§N` or `FN`.
 */
const CITATION = new RegExp(
  String.raw`(?:(?:\[[^\]\n]*\]\((?:docs\/)?(${noteNames})\.md\)|` +
    String.raw`\x60?(?:docs\/)?(${noteNames})(?:\.md)?\x60?)[ \t]+)?` +
    String.raw`(?:\u00a7(\d+(?:\.\d+)*)|\b(F\d+)\b)`,
  'g',
);
const DIFFERENCE = /deliberate difference (\d+)/gi;
/** The old name of docs/basic-policy.md, from before it was in the repo. */
const STALE = /\bspec(?:'s)?\s+\u00a7/gi;

const scanned = [
  ...SCANNED_DIRS.flatMap((d) => filesUnder(join(ROOT, d))),
  ...SCANNED_ROOT_FILES.map((f) => join(ROOT, f)),
].filter((f) => f !== __filename);

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

describe('design-note citations (docs/README.md)', () => {
  const problems: string[] = [];
  let citations = 0;

  for (const file of scanned) {
    const text = readFileSync(file, 'utf8');
    const where = (i: number): string => `${relative(ROOT, file)}:${lineOf(text, i)}`;
    const inNote = relative(DOCS_DIR, file) === basename(file) && notes.has(basename(file, '.md'));
    const own = inNote ? basename(file, '.md') : DEFAULT_NOTE;
    for (const m of text.matchAll(CITATION)) {
      citations++;
      const noteName = m[1] ?? m[2] ?? own;
      const note = notes.get(noteName)!;
      if (m[3] !== undefined && !note.sections.has(m[3])) {
        problems.push(`${where(m.index!)}: "${m[0]}" cites §${m[3]}, which docs/${noteName}.md does not have`);
      }
      if (m[4] !== undefined) {
        const base = notes.get(m[1] ?? m[2] ?? DEFAULT_NOTE)!;
        if (!base.findings.has(m[4])) {
          problems.push(`${where(m.index!)}: "${m[0]}" cites finding ${m[4]}, which docs/${m[1] ?? m[2] ?? DEFAULT_NOTE}.md does not have`);
        }
      }
    }
    for (const m of text.matchAll(DIFFERENCE)) {
      citations++;
      if (!notes.get(DEFAULT_NOTE)!.differences.has(m[1])) {
        problems.push(`${where(m.index!)}: "${m[0]}" is not an item of "Deliberate differences" in docs/${DEFAULT_NOTE}.md`);
      }
    }
    for (const m of text.matchAll(STALE)) {
      problems.push(`${where(m.index!)}: "${m[0]}" names a document that does not exist; cite "${DEFAULT_NOTE} §N" (docs/README.md)`);
    }
  }

  it('finds the notes and their numbered parts', () => {
    const basic = notes.get(DEFAULT_NOTE);
    expect(basic).toBeDefined();
    expect(basic!.sections.size).toBeGreaterThan(20);
    expect([...basic!.findings].sort()).toEqual(Array.from({ length: 11 }, (_, i) => `F${i + 1}`).sort());
    expect(basic!.differences.size).toBe(8);
    expect(notes.get('safety')?.sections.size).toBeGreaterThan(5);
  });

  it('scans the sources and finds their citations', () => {
    expect(scanned.length).toBeGreaterThan(100);
    expect(citations).toBeGreaterThan(100);
  });

  it('resolves every §N, FN and deliberate difference cited in src, test, bench, scripts and the READMEs', () => {
    expect(problems).toEqual([]);
  });

  it('links only to notes that exist', () => {
    const missing: string[] = [];
    for (const [name, note] of notes) {
      for (const link of note.links) {
        if (link.includes('/')) continue;
        if (!noteFiles.includes(link)) missing.push(`docs/${name}.md links to ${link}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
