import { PLAN_USAGE, runPlanCli, type PlanCliIo } from './plan';

/** In-memory io: files are a map, output is collected. */
function memoryIo(files: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '', written: {} as Record<string, string> };
  const io: PlanCliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file '${p}'`);
      return files[p];
    },
    writeFile: (p, t) => void (out.written[p] = t),
  };
  return { io, out };
}

describe('plan command', () => {
  it('writes a day of TOAST text to stdout', () => {
    const { io, out } = memoryIo();
    expect(runPlanCli(['--t0', '2026-12-01 00:00', '--t1=2026-12-02T00:00:00Z'], io)).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#Site/);
    expect(lines.length).toBeGreaterThan(3 + 15);
    for (const l of lines.slice(3)) expect(l).toHaveLength(238);
    expect(out.stderr).toBe('');
  });

  it('applies a config file and writes to --out', () => {
    const { io, out } = memoryIo({ 'm.json': JSON.stringify({ elevations: [55], horizontal_patches: [] }) });
    expect(runPlanCli(['--t0', '2026-12-01', '--t1', '2026-12-01 12:00', '--config', 'm.json', '--out', 'p.txt'], io)).toBe(0);
    expect(out.stdout).toBe('');
    const rows = out.written['p.txt'].split('\n').slice(3).filter(Boolean);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.slice(135, 144).trim()).toBe('55.00');
  });

  it('explains mistakes with exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--t1', '2026-12-02'], /Missing --t0/],
      [['--t0', 'tomorrow', '--t1', '2026-12-02'], /--t0 "tomorrow" is not a time/],
      [['--t0', '2026-12-02', '--t1', '2026-12-01'], /--t1 must be after --t0/],
      [['--t0', '2026-12-01', '--t1', '2046-12-01'], /at most 3660 days/],
      [['--t0', '2026-12-01', '--t1', '2026-12-02', '--bogus', '1'], /Unknown option '--bogus'/],
      [['--t0', '2026-12-01', '--t1'], /Option '--t1 <value>' argument missing/],
      [['--t0', '2026-12-01', '--t1', '2026-12-02', 'extra'], /Unexpected argument 'extra'/],
      [['--t0', '2026-12-01', '--t1', '2026-12-02', '--help=yes'], /Option '-h, --help' does not take an argument/],
      [['--t0', '2026-12-01', '--t1', '2026-12-02', '--config', 'none.json'], /Cannot read none.json/],
      [['--t0', '2026-12-01', '--t1', '2026-12-02', '--config', 'bad.json'], /bad.json is not JSON/],
      [['--t0', '2026-12-01', '--t1', '2026-12-02', '--config', 'wrong.json'], /Invalid config: master\.sun_avoidance must be a number/],
    ];
    for (const [argv, message] of cases) {
      const { io, out } = memoryIo({ 'bad.json': '{', 'wrong.json': '{"sun_avoidance": "x"}' });
      expect(runPlanCli(argv, io)).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stdout).toBe('');
    }
  });

  it('prints its usage on --help', () => {
    const { io, out } = memoryIo();
    expect(runPlanCli(['--help'], io)).toBe(0);
    expect(out.stdout).toBe(`${PLAN_USAGE}\n`);
    const short = memoryIo();
    expect(runPlanCli(['-h'], short.io)).toBe(0);
    expect(short.out.stdout).toBe(`${PLAN_USAGE}\n`);
  });
});
