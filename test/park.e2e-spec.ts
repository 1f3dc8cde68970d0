/**
 * Parks through HTTP (docs/safety.md §3, issue 10): on 2027-01-01 the start pointing of the
 * afternoon `south` scan sits within 10° of the Sun for hours of the wait before it. The default
 * `basic` config parks the telescope at a Sun-safe pointing first; the script stays a known-calls
 * sorunlib script, the plan shows the park as not scanning, and the checker finds every held
 * pointing safe. The azimuth floor and a removed park are 400s naming the field.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { checkScriptsWithPython } from '../src/testing/python';
import { createTestApp } from './helpers/create-app';

const SCHEDULE = '/api/v1/schedule/';
const PLAN = '/api/v1/schedule/plan';
const DAY = { t0: '2027-01-01 00:00', t1: '2027-01-02 00:00' };

describe('parks through HTTP (2027-01-01, default config)', () => {
  let app: NestFastifyApplication;
  const post = (url: string, config: unknown = {}) =>
    request(app.getHttpServer())
      .post(url)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...DAY, policy: JSON.stringify({ policy: 'basic', config }) }));

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('parks before the afternoon scan instead of waiting near the Sun, and the answer is checked safe', async () => {
    const [plan, schedule] = await Promise.all([post(PLAN), post(SCHEDULE)]);
    expect(schedule.status).toBe(200);
    expect(plan.status).toBe(200);
    expect(plan.body.commands).toBe(schedule.body.commands);
    const parks = (plan.body.blocks as { name: string; kind: string; t0: string; t1: string; az: number; alt: number; throw: number }[]).filter(
      (b) => b.kind === 'park' && b.name === 'park',
    );
    expect(parks).toHaveLength(1);
    const [park] = parks;
    // The moves into and out of the park pass the Sun's side: each is routed through one waypoint,
    // a park block of zero length (docs/safety.md §3, "Moves").
    const waypoints = (plan.body.blocks as { name: string; kind: string; t0: string; t1: string }[]).filter((b) => b.name === 'waypoint');
    expect(waypoints.map((w) => [w.kind, Date.parse(w.t1) - Date.parse(w.t0)])).toEqual([
      ['park', 0],
      ['park', 0],
    ]);
    // Held from the end of the morning scans until the start pointing is safe again, long before the scan.
    const index = plan.body.blocks.findIndex((b: { kind: string; name: string }) => b.kind === 'park' && b.name === 'park');
    expect(park).toMatchObject({ name: 'park', t0: plan.body.blocks[index - 1].t1, throw: 0, alt: 20 });
    expect(park.t0).toMatch(/^2027-01-01T10:15/);
    expect(Date.parse(park.t1) - Date.parse(park.t0)).toBeGreaterThan(3 * 3600 * 1000);
    // Until 14:10 at (0, 20), below the morning Sun's path; then to the next scan's start, safe from there on.
    expect(park).toMatchObject({ az: 0, alt: 20 });
    expect(park.t1).toMatch(/^2027-01-01T14:10/);
    // Then along the lower limit to the next scan's azimuth, and up to its start.
    const waypoint = plan.body.blocks[index + 1];
    expect(waypoint).toMatchObject({ name: 'waypoint', az: 109.67, alt: 20, t0: park.t1, t1: park.t1 });
    const next = plan.body.blocks[index + 2];
    expect(next).toMatchObject({ az: 109.67, alt: 50 });
    const t = park.t1.replace('Z', '+00:00');
    expect(schedule.body.commands).toContain(
      `# park\nacu.move_to(0.00, 20.00)\nwait_until('${t}')\n\n# waypoint\nacu.move_to(109.67, 20.00)\nwait_until('${t}')\n\n# ${next.name}\nacu.move_to(109.67, 50.00)\n`,
    );
    expect(plan.body.sunCheck.verdict).toBe('safe');
    expect(plan.body.sunCheck.minSunDistanceDeg).toBeGreaterThan(10);
    expect(plan.body.sunCheck.blocks.find((b: { index: number }) => b.index === index)).toMatchObject({ name: 'park', problems: [] });
    // The park is not scanning time.
    const kinds = plan.body.summary.kinds as { kind: string; seconds: number }[];
    const parkSeconds = kinds.find((k) => k.kind === 'park')?.seconds ?? 0;
    expect(parkSeconds).toBeCloseTo((Date.parse(park.t1) - Date.parse(park.t0)) / 1000, 2);
    expect(plan.body.summary.scanCount).toBe(plan.body.blocks.length - 3);
    expect(plan.body.summary.scannedSeconds + plan.body.summary.idleSeconds).toBe(86400);
    expect(plan.body.summary.idleSeconds).toBeGreaterThanOrEqual(parkSeconds);
    const [verdict] = checkScriptsWithPython([schedule.body.commands]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.ok).toBe(true);
  });

  it.each([
    [{ mount: { az_limits: [-720, 720] } }, "Invalid config: config.mount.az_limits must lie within the server's azimuth floor [-90, 480] (SCHEDULER_MOUNT_AZ_LIMITS) (got [-720,720])."],
    [{ rules: { park: null } }, 'Invalid config: config.rules.park cannot be removed while the Sun is checked'],
  ])('refuses %j with a 400 naming the field', async (config, message) => {
    const res = await post(SCHEDULE, config);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });
});
