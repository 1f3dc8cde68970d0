/**
 * For specs that run a module in a fresh Node process (start-up effects the jest process has long
 * passed): a temporary folder holding the module transpiled to CommonJS and a child script.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

/**
 * Makes a temporary folder with `moduleTs` as `<name>.js` and `child` as `child.js`; returns the
 * folder. Each of `deps` (modules that `moduleTs` imports by a relative path) is put beside it, and
 * the imports of `moduleTs` that name it are pointed there.
 */
export function childModuleDir(prefix: string, moduleTs: string, child: string, deps: readonly string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const transpile = (source: string): string =>
    transpileModule(source, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } }).outputText;
  let source = readFileSync(moduleTs, 'utf8');
  for (const dep of deps) {
    const name = basename(dep, '.ts');
    writeFileSync(join(dir, `${name}.js`), transpile(readFileSync(dep, 'utf8')));
    source = source.replace(new RegExp(`from '[./]+(?:[^'/]+/)*${name}'`, 'g'), `from './${name}'`);
  }
  writeFileSync(join(dir, `${basename(moduleTs, '.ts')}.js`), transpile(source));
  writeFileSync(join(dir, 'child.js'), child);
  return dir;
}
