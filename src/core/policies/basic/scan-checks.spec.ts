import { azAlt } from '../../astro/track';
import { scanBlock } from '../../blocks/block';
import type { ScanBlock } from '../../blocks/types';
import { rulesSun } from '../../rules/swept-arc';
import { US_PER_S } from '../../time/micros';
import { describeTally, dropShortScans, emptyTally, guardScans, mergeKeepingCrossings, type ScanRuleSettings } from './scan-checks';

const S = US_PER_S;
const span = (s: ScanBlock): [string, number, number] => [s.name, s.t0 / S, s.t1 / S];

describe('mergeKeepingCrossings', () => {
  // Saturn sets through its scan elevation at tc; Uranus's scan starts 100 s before that and wins the merge.
  const tc = Date.parse('2023-01-01T00:46:30Z') / 1000;
  const satAlt = azAlt('saturn', [tc]).alt[0];
  const urAlt = azAlt('uranus', [tc + 50]).alt[0];
  const master = scanBlock({ name: 'cmb', t0: (tc - 1000) * S, t1: (tc + 2000) * S, az: 200, alt: 50, throw: 30 });
  const saturn = scanBlock({ name: 'saturn', t0: (tc - 150) * S, t1: (tc + 150) * S, az: 259, alt: satAlt, throw: 1 });
  const uranus = scanBlock({ name: 'uranus', t0: (tc - 100) * S, t1: (tc + 200) * S, az: 80, alt: urAlt, throw: 1 });

  it('drops a calibration scan cut before its crossing and gives its time back to the master scan', () => {
    const tally = emptyTally();
    const seq = mergeKeepingCrossings([master], [saturn, uranus], { margin_s: 0 }, tally);
    expect(seq.map(span)).toEqual([
      ['cmb', tc - 1000, tc - 100],
      ['uranus', tc - 100, tc + 200],
      ['cmb', tc + 200, tc + 2000],
    ]);
    expect(tally['calibration-crossing']).toEqual({ trimmed: 0, dropped: 1 });
  });

  it('without the rule merges as the original (the cut Saturn stub stays)', () => {
    const tally = emptyTally();
    const seq = mergeKeepingCrossings([master], [saturn, uranus], undefined, tally);
    expect(seq.map(span)).toEqual([
      ['cmb', tc - 1000, tc - 150],
      ['saturn', tc - 150, tc - 100],
      ['uranus', tc - 100, tc + 200],
      ['cmb', tc + 200, tc + 2000],
    ]);
    expect(tally['calibration-crossing']).toEqual({ trimmed: 0, dropped: 0 });
  });

  it('trims a calibration scan to the piece that holds the crossing when another cuts it in two', () => {
    const urMid = azAlt('uranus', [tc + 75]).alt[0];
    const inside = scanBlock({ name: 'uranus', t0: (tc + 50) * S, t1: (tc + 100) * S, az: 80, alt: urMid, throw: 1 });
    const tally = emptyTally();
    const seq = mergeKeepingCrossings([master], [saturn, inside], { margin_s: 0 }, tally);
    expect(seq.map(span)).toEqual([
      ['cmb', tc - 1000, tc - 150],
      ['saturn', tc - 150, tc + 50],
      ['uranus', tc + 50, tc + 100],
      ['cmb', tc + 100, tc + 2000],
    ]);
    expect(tally['calibration-crossing']).toEqual({ trimmed: 1, dropped: 0 });
  });

  // A second scan inside Saturn's, over its crossing, that differs in one respect: it is not a piece of
  // Saturn's scan, which loses its crossing to it and is dropped whole.
  it.each<[string, Partial<ScanBlock>]>([
    ['azimuth', { az: 260 }],
    ['elevation', { alt: satAlt + 0.001 }],
    ['throw', { throw: 2 }],
  ])('counts only the same name and pointing as pieces of a scan (%s differs)', (_what, change) => {
    const other = scanBlock({ ...saturn, t0: (tc - 50) * S, t1: (tc + 50) * S, ...change });
    const tally = emptyTally();
    const seq = mergeKeepingCrossings([master], [saturn, other], { margin_s: 0 }, tally);
    expect(seq.map(span)).toEqual([
      ['cmb', tc - 1000, tc - 50],
      ['saturn', tc - 50, tc + 50],
      ['cmb', tc + 50, tc + 2000],
    ]);
    expect(seq[1]).toBe(other);
    expect(tally['calibration-crossing']).toEqual({ trimmed: 0, dropped: 1 });
  });

  it('counts only the same name as pieces of a scan (another planet at the same pointing)', () => {
    const other = scanBlock({ ...saturn, name: 'uranus', t0: (tc - 50) * S, t1: (tc + 50) * S });
    const tally = emptyTally();
    expect(mergeKeepingCrossings([master], [saturn, other], { margin_s: 0 }, tally)).toEqual([master]);
    expect(tally['calibration-crossing']).toEqual({ trimmed: 0, dropped: 2 });
  });

  it("counts only what lies inside a scan's times as its pieces (the same planet scanned again later)", () => {
    const later = scanBlock({ ...saturn, t0: (tc + 3000) * S, t1: (tc + 3300) * S });
    const tally = emptyTally();
    const seq = mergeKeepingCrossings([master], [saturn, later], { margin_s: 0 }, tally);
    expect(seq.map(span)).toEqual([
      ['cmb', tc - 1000, tc - 150],
      ['saturn', tc - 150, tc + 150],
      ['cmb', tc + 150, tc + 2000],
    ]);
    expect(tally['calibration-crossing']).toEqual({ trimmed: 0, dropped: 1 });
  });
});

describe('guardScans / dropShortScans / describeTally', () => {
  const t = Date.parse('2027-04-01T17:07:00Z') / 1000;
  const sun = rulesSun(t);
  const settings: ScanRuleSettings = {
    sunAvoidance: { min_angle_az: 6, min_angle_alt: 6, n_buffer: 3, time_step: 10, swept_arc: true },
    sunGuard: { min_distance_deg: 10 },
    mount: { el_limits: [20, 90], az_limits: [-90, 480] },
    minDuration: { min_duration: 100 },
  };
  const far = scanBlock({ name: 'far', t0: (t - 7200) * S, t1: (t - 3600) * S, az: (sun.az + 180) % 360, alt: 45, throw: 30 });
  const low = scanBlock({ name: 'saturn', t0: (t - 600) * S, t1: (t - 300) * S, az: 100, alt: 15.8, throw: 1 });
  const atSun = scanBlock({ name: 'x', t0: t * S, t1: (t + 300) * S, az: sun.az - 0.5, alt: sun.alt, throw: 1 });

  it('keeps a safe scan as it is, drops what breaks the mount or sits on the Sun, and tallies by rule', () => {
    const tally = emptyTally();
    const out = guardScans([far, low, atSun], settings, tally);
    expect(out).toEqual([far]);
    expect(out[0]).toBe(far);
    expect(tally.mount).toEqual({ trimmed: 0, dropped: 1 });
    expect(tally['sun-avoidance'].dropped + tally['sun-guard'].dropped).toBe(1);
  });

  it('does nothing with every rule off', () => {
    const tally = emptyTally();
    const off: ScanRuleSettings = { sunAvoidance: { ...settings.sunAvoidance, swept_arc: false } };
    expect(guardScans([far, low, atSun], off, tally)).toEqual([far, low, atSun]);
    expect(describeTally(tally, [far, low, atSun], [far, low, atSun])).toBeUndefined();
  });

  it('applies the box on swept arcs alone, and the guard alone, each tallied under its name', () => {
    const boxOnly: ScanRuleSettings = { sunAvoidance: settings.sunAvoidance };
    let tally = emptyTally();
    expect(guardScans([far, atSun], boxOnly, tally)).toEqual([far]);
    expect(tally['sun-avoidance']).toEqual({ trimmed: 0, dropped: 1 });
    const guardOnly: ScanRuleSettings = { sunAvoidance: { ...settings.sunAvoidance, swept_arc: false }, sunGuard: { min_distance_deg: 10 } };
    tally = emptyTally();
    expect(guardScans([far, atSun], guardOnly, tally)).toEqual([far]);
    expect(tally['sun-guard']).toEqual({ trimmed: 0, dropped: 1 });
    expect(tally['sun-avoidance']).toEqual({ trimmed: 0, dropped: 0 });
  });

  it('counts a scan the Sun reaches at its end as trimmed, and says so in the message', () => {
    // Ahead of the Sun's path by ~11.5°: some minutes after t the guard is broken.
    const ahead = scanBlock({ name: 'y', t0: (t - 3600) * S, t1: (t + 1800) * S, az: sun.az - 40, alt: sun.alt - 11.5, throw: 80 });
    const guardOnly: ScanRuleSettings = { sunAvoidance: { ...settings.sunAvoidance, swept_arc: false }, sunGuard: { min_distance_deg: 10 } };
    const tally = emptyTally();
    const out = guardScans([ahead], guardOnly, tally);
    expect(out.length).toBeGreaterThan(0);
    expect(out[0].t0).toBe(ahead.t0);
    expect(out[out.length - 1].t1).toBeLessThan(ahead.t1);
    expect(tally['sun-guard']).toEqual({ trimmed: 1, dropped: 0 });
    expect(describeTally(tally, [ahead], out)).toBe('The scan rules trimmed 1 scan and dropped 0 scans: sun-guard trimmed 1.');
  });

  it('returns new arrays, never its input', () => {
    const input = [far];
    const off: ScanRuleSettings = { sunAvoidance: { ...settings.sunAvoidance, swept_arc: false } };
    expect(guardScans(input, off, emptyTally())).not.toBe(input);
    const kept = dropShortScans(input, undefined, emptyTally());
    expect(kept).toEqual(input);
    expect(kept).not.toBe(input);
  });

  it('keeps a scan of exactly min_duration and drops a shorter one', () => {
    const tally = emptyTally();
    const exact = scanBlock({ name: 'a', t0: t * S, t1: (t + 100) * S, az: 1, alt: 50, throw: 30 });
    const short = scanBlock({ name: 'b', t0: (t + 100) * S, t1: (t + 200) * S - 1, az: 1, alt: 50, throw: 30 });
    expect(dropShortScans([exact, short], { min_duration: 100 }, tally)).toEqual([exact]);
    expect(tally['min-duration']).toEqual({ trimmed: 0, dropped: 1 });
  });

  it('names both counts of a rule that trimmed and dropped, in the singular for one scan', () => {
    const tally = emptyTally();
    tally.mount.trimmed = 1;
    tally.mount.dropped = 1;
    const a = scanBlock({ name: 'a', t0: t * S, t1: (t + 600) * S, az: 1, alt: 50, throw: 30 });
    const b = scanBlock({ name: 'b', t0: (t + 600) * S, t1: (t + 1200) * S, az: 1, alt: 50, throw: 30 });
    const piece = scanBlock({ name: 'a', t0: t * S, t1: (t + 300) * S, az: 1, alt: 50, throw: 30 });
    tally.changed.push(a, b);
    expect(describeTally(tally, [a, b], [piece])).toBe('The scan rules trimmed 1 scan and dropped 1 scan: mount trimmed 1 and dropped 1.');
  });

  it('drops short scans and writes one sentence naming each rule', () => {
    const tally = emptyTally();
    const short = scanBlock({ name: 'stub', t0: 0, t1: 99 * S, az: 1, alt: 50, throw: 30 });
    expect(dropShortScans([far, short], settings.minDuration, tally)).toEqual([far]);
    const out = guardScans([low], settings, tally);
    expect(describeTally(tally, [far, short, low], [far, ...out])).toBe('The scan rules trimmed 0 scans and dropped 2 scans: mount dropped 1, min-duration dropped 1.');
  });
});

describe('describeTally counts distinct scans of the original plan', () => {
  const t0 = Date.parse('2027-01-01T12:00:00Z') / 1000;
  const settings: ScanRuleSettings = {
    sunAvoidance: { min_angle_az: 6, min_angle_alt: 6, n_buffer: 3, time_step: 10, swept_arc: true },
    sunGuard: { min_distance_deg: 10 },
    minDuration: { min_duration: 100 },
  };
  const one = scanBlock({ name: 'one', t0: t0 * S, t1: (t0 + 200) * S, az: 100, alt: 40, throw: 10 });
  const two = scanBlock({ name: 'two', t0: t0 * S, t1: (t0 + 200) * S, az: 100, alt: 40, throw: 10 });
  const long = scanBlock({ name: 'long', t0: t0 * S, t1: (t0 + 3600) * S, az: 100, alt: 40, throw: 10 });
  // A made-up Sun inside the scans' arc for their first 120 s, then far below the horizon.
  const sunAt = (s: number) => (s < t0 + 120 ? { az: 105, alt: 40 } : { az: 0, alt: -60 });

  it('a scan trimmed by one rule and dropped by a later one counts once, as dropped; the per-rule breakdown stays', () => {
    const tally = emptyTally();
    const guarded = guardScans([one, long], settings, tally, sunAt);
    expect(guarded.map((b) => b.name)).toEqual(['one', 'long']);
    expect(guarded.every((b) => b.t0 > one.t0)).toBe(true);
    const final = dropShortScans(guarded, settings.minDuration, tally);
    expect(final.map((b) => b.name)).toEqual(['long']);
    expect(describeTally(tally, [one, two, long], final)).toBe(
      'The scan rules trimmed 1 scan and dropped 1 scan: sun-avoidance trimmed 2, min-duration dropped 1.',
    );
  });

  it('two scans trimmed then dropped are "dropped 2 scans", not also "trimmed 2 scans"', () => {
    const tally = emptyTally();
    const guarded = guardScans([one, two], { ...settings, sunAvoidance: { ...settings.sunAvoidance, swept_arc: false } }, tally, sunAt);
    expect(guarded).toHaveLength(2);
    const final = dropShortScans(guarded, settings.minDuration, tally);
    expect(final).toEqual([]);
    expect(tally['sun-guard']).toEqual({ trimmed: 2, dropped: 0 });
    expect(describeTally(tally, [one, two], final)).toBe('The scan rules trimmed 0 scans and dropped 2 scans: sun-guard trimmed 2, min-duration dropped 2.');
  });
});
