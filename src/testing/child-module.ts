/**
 * For specs that run a module in a fresh Node process (start-up effects the jest process has long
 * passed): a temporary folder holding the module transpiled to CommonJS and a child script.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

/** Makes a temporary folder with `moduleTs` as `<name>.js` and `child` as `child.js`; returns the folder. */
export function childModuleDir(prefix: string, moduleTs: string, child: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const source = readFileSync(moduleTs, 'utf8');
  const js = transpileModule(source, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, `${basename(moduleTs, '.ts')}.js`), js);
  writeFileSync(join(dir, 'child.js'), child);
  return dir;
}
