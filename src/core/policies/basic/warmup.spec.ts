import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SAFETY_FLOORS } from '../../safety/floors';
import { basicWarmupJobs, masterFilesIn, WARMUP_RUNS, WARMUP_T0 } from './warmup';
import { oneRowMaster } from '../../../testing/toast-master';

const DAY_US = 86_400_000_000;
const NOW = new Date('2026-11-30T15:20:00Z');
const TODAY_US = Date.UTC(2026, 10, 30) * 1000;

describe('basicWarmupJobs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warmup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const oneDay = (jobs: ReturnType<typeof basicWarmupJobs>) => jobs.filter((j) => j.t1 - j.t0 === DAY_US);

  it(`runs ${WARMUP_RUNS} one-day schedules of the one master file from its first day, then today`, () => {
    writeFileSync(join(dir, 'sat.txt'), oneRowMaster('2023-01-05 00:22:00'));
    writeFileSync(join(dir, 'notes.txt'), 'not a schedule\n');
    expect(masterFilesIn(dir).map((f) => f.name)).toEqual(['sat.txt']);
    const jobs = basicWarmupJobs(dir, DEFAULT_SAFETY_FLOORS, NOW);
    expect(jobs[0]).toMatchObject({ policy: 'basic', t0: WARMUP_T0, t1: WARMUP_T0 + DAY_US / 24 });
    const days = oneDay(jobs);
    expect(days).toHaveLength(WARMUP_RUNS + 1);
    const first = Date.UTC(2023, 0, 5) * 1000;
    expect(days.slice(0, WARMUP_RUNS).map((j) => j.t0)).toEqual(Array.from({ length: WARMUP_RUNS }, (_, d) => first + d * DAY_US));
    expect(days[WARMUP_RUNS].t0).toBe(TODAY_US);
    for (const j of days) expect((j.config as { master_schedule?: string }).master_schedule).toBe('sat.txt');
    // Each job its own seed, all marked as the warm-up's.
    expect(new Set(jobs.map((j) => j.ctx.seed)).size).toBe(jobs.length);
    for (const j of jobs) expect(j.ctx.seed.startsWith('warm-up|')).toBe(true);
  });

  it('shares the runs among several master files, at least one each', () => {
    const starts = ['2023-01-01 00:00:00', '2023-06-01 00:00:00', '2024-01-01 00:00:00'];
    starts.forEach((s, i) => writeFileSync(join(dir, `m${i}.txt`), oneRowMaster(s)));
    const days = oneDay(basicWarmupJobs(dir, DEFAULT_SAFETY_FLOORS, NOW));
    const perFile = Math.ceil(WARMUP_RUNS / starts.length);
    expect(days).toHaveLength(perFile * starts.length + 1);
    starts.forEach((s, i) => {
      const mine = days.filter((j) => (j.config as { master_schedule?: string }).master_schedule === `m${i}.txt`);
      const first = Date.parse(`${s.slice(0, 10)}T00:00:00Z`) * 1000;
      expect(mine.slice(0, perFile).map((j) => j.t0)).toEqual(Array.from({ length: perFile }, (_, d) => first + d * DAY_US));
    });
  });

  it('without a master file: the planner hour and today with the generated master schedule', () => {
    const jobs = basicWarmupJobs(dir, DEFAULT_SAFETY_FLOORS, NOW);
    expect(jobs.map((j) => [j.t0, j.t1])).toEqual([
      [WARMUP_T0, WARMUP_T0 + DAY_US / 24],
      [TODAY_US, TODAY_US + DAY_US],
    ]);
    expect((jobs[1].config as { master_schedule?: string }).master_schedule).toBeUndefined();
  });
});
