/**
 * The pool as it runs from the build: the executor, the worker entry and everything they import
 * are transpiled to plain JS in a temporary folder (laid out like `dist/`), and the workers must
 * start from the `.js` entry with no TypeScript hook anywhere.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { DEFAULT_SAFETY_FLOORS } from '../../core/safety/floors';

const SRC = path.resolve(__dirname, '../..');
const ROOT = path.resolve(SRC, '..');

/** Transpiles `entries` and every relative import they reach into `outDir`, mirroring `src/`. */
function transpileGraph(entries: readonly string[], outDir: string): string[] {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
  };
  const done = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText;
    const out = path.join(outDir, path.relative(SRC, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, js);
    for (const m of js.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (hit) todo.push(hit);
    }
  }
  return [...done];
}

type ExecutorModule = typeof import('./worker-pool.executor');
type ErrorsModule = typeof import('../../core/errors');
type ContractModule = typeof import('./schedule-executor');

describe('WorkerPoolExecutor from compiled JS (as in dist/)', () => {
  jest.setTimeout(20_000);
  let dir: string;
  let pool: InstanceType<ExecutorModule['WorkerPoolExecutor']> | undefined;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-pool-dist-'));
    // Packages (astronomy-engine, …) resolve from the build folder as they would from dist/.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    transpileGraph(
      [
        path.join(SRC, 'scheduler/execution/worker-pool.executor.ts'),
        path.join(SRC, 'scheduler/execution/worker-pool.worker.ts'),
        path.join(SRC, 'testing/worker-pool-test-policies.ts'),
      ],
      path.join(dir, 'dist'),
    );
  });

  afterAll(async () => {
    await pool?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts its workers from the .js entry and maps results, client errors and time limits the same way', async () => {
    const dist = path.join(dir, 'dist');
    const tsFiles = fs.readdirSync(dist, { recursive: true }).filter((f) => String(f).endsWith('.ts'));
    expect(tsFiles).toEqual([]);
    const { WorkerPoolExecutor } = require(path.join(dist, 'scheduler/execution/worker-pool.executor.js')) as ExecutorModule;
    const { ConfigError } = require(path.join(dist, 'core/errors.js')) as ErrorsModule;
    const { ScheduleTimeoutError } = require(path.join(dist, 'scheduler/execution/schedule-executor.js')) as ContractModule;
    pool = new WorkerPoolExecutor({
      size: 1,
      timeLimitMs: 1_500,
      extraPolicyModules: [path.join(dist, 'testing/worker-pool-test-policies.js')],
      onError: () => undefined,
    });
    await pool.ready();
    const ctx = { dataDir: '/data', seed: 's', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS };
    const echo = await pool.run({ policy: 'test-echo', t0: 1, t1: 2, config: { note: 'n' }, ctx });
    expect(echo).toMatchObject({ commands: '# echo 1 2 {"note":"n"} s /data 1970-01-01T00:00:00.000Z\nimport time\n', note: 'n' });
    await expect(pool.run({ policy: 'test-config-error', t0: 1, t1: 2, config: {}, ctx })).rejects.toBeInstanceOf(ConfigError);
    await expect(pool.run({ policy: 'test-spin', t0: 1, t1: 2, config: { ms: 60_000 }, ctx })).rejects.toBeInstanceOf(ScheduleTimeoutError);
    expect((await pool.run({ policy: 'test-echo', t0: 1, t1: 2, config: {}, ctx })).commands).toContain('# echo 1 2 {}');
    expect(pool.stats()).toMatchObject({ restarts: 1, workers: 1 });
  });
});
