import { describeWithReference, readReferenceJson } from '../../testing/reference';
import { horizontal } from './ephemeris';
import {
  nextRising,
  nextSetting,
  nextTransit,
  previousRising,
  previousSetting,
  sourceGetBlocks,
} from './events';
import { BODY_NAMES, type BodyName } from './site';

/** Microseconds since the epoch of an ISO text with optional fraction and offset `+00:00`. */
function isoMicros(iso: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(?:Z|\+00:00)?$/.exec(iso);
  if (!m) throw new Error(`bad time ${iso}`);
  return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

const S = 1_000_000;

interface RefEvent {
  body: BodyName;
  from: string;
  previous_rising: string;
  next_transit: string;
  next_setting: string;
}

describeWithReference('events against PyEphem (reference/ephemeris.json)', () => {
  const ref = readReferenceJson<{ events: RefEvent[] }>('ephemeris.json');
  const worst = new Map<BodyName, number>();
  for (const e of ref.events) {
    const r = previousRising(e.body, isoMicros(e.from));
    const m = nextTransit(e.body, r);
    const s = nextSetting(e.body, m);
    const d = Math.max(
      Math.abs(r - isoMicros(e.previous_rising)),
      Math.abs(m - isoMicros(e.next_transit)),
      Math.abs(s - isoMicros(e.next_setting)),
    );
    worst.set(e.body, Math.max(worst.get(e.body) ?? 0, d / S));
  }

  it('covers every body', () => {
    expect([...worst.keys()].sort()).toEqual([...BODY_NAMES].sort());
  });

  // Measured maxima: Sun and Moon 0.1 s (PyEphem's own stopping tolerance), planets up to 0.93 s
  // (Saturn), from astronomy-engine's truncated VSOP87 positions.
  it('agrees within 0.15 s for the Sun and the Moon', () => {
    expect(worst.get('sun')).toBeLessThan(0.15);
    expect(worst.get('moon')).toBeLessThan(0.15);
  });

  it('agrees within 1.2 s for every planet (30 s required)', () => {
    for (const [body, w] of worst) {
      expect([body, w < 1.2]).toEqual([body, true]);
    }
  });
});

describe('events', () => {
  const t0 = Date.UTC(2023, 0, 1) * 1000;

  it('returns integer microseconds ordered around the start instant', () => {
    for (const body of BODY_NAMES) {
      const r = previousRising(body, t0);
      const next = nextRising(body, t0);
      const set = previousSetting(body, t0);
      for (const x of [r, next, set]) expect(Number.isInteger(x)).toBe(true);
      expect(r).toBeLessThan(t0);
      expect(set).toBeLessThan(t0);
      expect(next).toBeGreaterThan(t0);
      // Consecutive risings are about a day apart (the Moon's about 24 h 50 min).
      expect((next - r) / S / 3600).toBeGreaterThan(23);
      expect((next - r) / S / 3600).toBeLessThan(26);
    }
  });

  it('rejects an instant that is not finite', () => {
    expect(() => previousRising('sun', Number.NaN)).toThrow(RangeError);
    expect(() => sourceGetBlocks('moon', t0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('puts the upper limb on the refracted horizon at rise and set', () => {
    // Apparent radius as libastro sizes it: 16′ for the Sun and ~15′ to 16.7′ for the Moon.
    const cases: [BodyName, number, number][] = [
      ['sun', 15.5 / 60, 16.5 / 60],
      ['moon', 14.5 / 60, 16.8 / 60],
      ['jupiter', 0, 30 / 3600],
    ];
    for (const [body, rMin, rMax] of cases) {
      const r = previousRising(body, t0);
      const s = nextSetting(body, nextTransit(body, r));
      for (const t of [r, s]) {
        const alt = horizontal(body, t / S).alt;
        expect(alt).toBeLessThanOrEqual(-rMin + 1e-4);
        expect(alt).toBeGreaterThanOrEqual(-rMax - 1e-4);
      }
    }
  });

  it('finds transits on the meridian, between rise and set', () => {
    for (const body of BODY_NAMES) {
      const r = previousRising(body, t0);
      const m = nextTransit(body, r);
      const s = nextSetting(body, m);
      expect(r).toBeLessThan(m);
      expect(m).toBeLessThan(s);
      const { az } = horizontal(body, m / S);
      // North of the zenith (az 0) or south of it (az 180); 0.02° allows the Moon's parallax
      // in RA, since PyEphem's transit uses the geocentric RA.
      const offMeridian = Math.min(Math.abs(az - 180), Math.min(az, 360 - az));
      expect(offMeridian).toBeLessThan(0.02);
    }
  });
});

describe('sourceGetBlocks', () => {
  const t0 = Date.UTC(2023, 0, 1) * 1000;
  const t1 = Date.UTC(2023, 0, 3, 0, 0, 10) * 1000;

  it('alternates rising and setting blocks, contiguous at each transit, and covers [t0, t1]', () => {
    for (const body of BODY_NAMES) {
      const blocks = sourceGetBlocks(body, t0, t1);
      expect(blocks.length % 2).toBe(0);
      expect(blocks.length).toBeGreaterThanOrEqual(4);
      expect(blocks[0].t0).toBeLessThanOrEqual(t0);
      expect(blocks[blocks.length - 1].t1).toBeGreaterThanOrEqual(t1);
      blocks.forEach((b, i) => {
        expect(b.kind).toBe('source');
        expect(b.name).toBe(body);
        expect(b.mode).toBe(i % 2 === 0 ? 'rising' : 'setting');
        expect(b.t1).toBeGreaterThan(b.t0);
        if (i % 2 === 1) expect(b.t0).toBe(blocks[i - 1].t1);
        if (i % 2 === 0 && i > 0) expect(b.t0).toBeGreaterThan(blocks[i - 1].t1);
      });
      // Only the last setting may end at or after t1: the loop stops there.
      for (let i = 1; i < blocks.length - 2; i += 2) expect(blocks[i].t1).toBeLessThan(t1);
    }
  });

  it('reproduces the raw saturn and uranus blocks of basic-policy §11.1 within 30 s (measured < 0.5 s)', () => {
    const hms = (iso: string) => isoMicros(iso);
    // The spec lists no setting time for uranus's second pass.
    const expected: Record<'saturn' | 'uranus', [string, string, string | null][]> = {
      saturn: [
        ['2022-12-31T13:02:56.901286', '2022-12-31T19:31:01.637600', '2023-01-01T01:59:04.435186'],
        ['2023-01-01T12:59:27.927164', '2023-01-01T19:27:29.094205', '2023-01-02T01:55:28.305757'],
      ],
      uranus: [
        ['2022-12-31T19:07:00.241886', '2023-01-01T00:40:38.505632', '2023-01-01T06:14:17.034180'],
        ['2023-01-01T19:02:59.424576', '2023-01-02T00:36:38.271320', null],
      ],
    };
    for (const body of ['saturn', 'uranus'] as const) {
      const blocks = sourceGetBlocks(body, t0, Date.UTC(2023, 0, 2, 0, 0, 10) * 1000 + 86_400 * S);
      expected[body].forEach(([r, m, s], k) => {
        const rising = blocks[2 * k];
        const setting = blocks[2 * k + 1];
        const pairs: [number, string | null][] = [
          [rising.t0, r],
          [rising.t1, m],
          [setting.t1, s],
        ];
        for (const [got, want] of pairs) {
          if (want !== null) expect(Math.abs(got - hms(want)) / S).toBeLessThan(0.5);
        }
      });
    }
  });

  it('emits the pass under way at t0 even for an empty window', () => {
    const noon = Date.UTC(2023, 0, 1, 16) * 1000; // the Sun is up
    const blocks = sourceGetBlocks('sun', noon, noon - 1);
    expect(blocks.map((b) => b.mode)).toEqual(['rising', 'setting']);
    expect(blocks[0].t0).toBeLessThan(noon);
    expect(blocks[1].t1).toBeGreaterThan(noon);
  });

  it('starts with the pass of the previous rising even when it ended before t0', () => {
    const night = Date.UTC(2023, 0, 1, 4) * 1000; // the Sun set at about 23:40 UTC
    const blocks = sourceGetBlocks('sun', night, night + 1);
    expect(blocks.map((b) => b.mode)).toEqual(['rising', 'setting', 'rising', 'setting']);
    expect(blocks[1].t1).toBeLessThan(night);
    expect(blocks[2].t0).toBeGreaterThan(night);
  });
});
