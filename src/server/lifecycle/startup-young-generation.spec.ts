import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import { GROWTH_FLAG, operatorSetGrowth } from './startup-young-generation';

/**
 * A child process (V8 flags are process-wide) that loads the module as plain JS, so that nothing
 * grows its nursery first, allocates many long-lived objects while held and again once released,
 * and prints the young generation's size after each, in MB.
 */
const CHILD = `
const v8 = require('node:v8');
const m = require('./startup-young-generation.js');
const newSpaceMb = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
// Objects that survive several scavenges, as a module load makes: what makes V8 grow the nursery.
const survive = () => { const keep = []; for (let i = 0; i < 1500000; i++) { keep.push({ i, a: [i] }); if (keep.length > 200000) keep.splice(0, 50000); } return keep.length; };
m.holdYoungGeneration();
survive();
const held = newSpaceMb();
m.releaseYoungGeneration();
survive();
process.stdout.write(JSON.stringify({ held, released: newSpaceMb() }));
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'young-gen-'));
  const source = readFileSync(join(__dirname, 'startup-young-generation.ts'), 'utf8');
  const js = transpileModule(source, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, 'startup-young-generation.js'), js);
  writeFileSync(join(dir, 'child.js'), CHILD);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(nodeArgs: readonly string[] = []): { held: number; released: number } {
  const out = execFileSync(process.execPath, [...nodeArgs, join(dir, 'child.js')], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  return JSON.parse(out) as { held: number; released: number };
}

describe('the start-up hold on the young generation', () => {
  it('keeps the nursery at its initial size while held, and V8 grows it again once released', () => {
    const { held, released } = runChild();
    // V8's initial nursery is 2 × 1 MB; unheld, the same allocations grow it to 2 × 16 MB.
    expect(held).toBeLessThanOrEqual(2);
    expect(released).toBeGreaterThan(held);
  });

  it('leaves a growth factor set on the command line alone', () => {
    const { held } = runChild([`${GROWTH_FLAG}=2`]);
    expect(held).toBeGreaterThan(2);
  });

  it('recognises the flag in either spelling', () => {
    expect(operatorSetGrowth([])).toBe(false);
    expect(operatorSetGrowth(['--max-old-space-size=100', '--inspect'])).toBe(false);
    expect(operatorSetGrowth(['--semi-space-growth-factor=4'])).toBe(true);
    expect(operatorSetGrowth(['--semi_space_growth_factor=4'])).toBe(true);
  });
});
