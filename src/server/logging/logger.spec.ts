import { pino } from 'pino';
import { AppLogger, createRootLogger, isoTimeOncePerMs } from './logger';

function capture(logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug') {
  const lines: string[] = [];
  const root = createRootLogger({ logLevel, logFormat: 'json' }, { write: (l: string) => void lines.push(l) });
  return { root, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createRootLogger', () => {
  it('writes one JSON object per line: level name, ISO time, fields, msg; no pid or hostname', () => {
    const { root, lines, records } = capture('info');
    root.info({ requestId: 'r1', status: 200, skipped: undefined }, 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('}\n')).toBe(true);
    expect(records()).toEqual([{ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), requestId: 'r1', status: 200, msg: 'request' }]);
  });

  it('filters by level; silent writes nothing', () => {
    const warn = capture('warn');
    warn.root.info('no');
    warn.root.debug('no');
    warn.root.warn('yes');
    warn.root.error('yes');
    expect(warn.records().map((r) => r.level)).toEqual(['warn', 'error']);
    const silent = capture('silent');
    silent.root.error('no');
    expect(silent.lines).toEqual([]);
  });

  it('never throws on fields that cannot be serialised', () => {
    const { root, records } = capture('info');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => root.info({ cyclic }, 'x')).not.toThrow();
    expect(records()[0]).toMatchObject({ level: 'info', msg: 'x', cyclic: { self: '[Circular]' } });
  });
});

describe('isoTimeOncePerMs', () => {
  it("is pino's isoTime of the current millisecond", () => {
    const ms = (t: string): number => Date.parse(t.slice(9, -1));
    for (let i = 0; i < 1_000; i++) {
      const before = pino.stdTimeFunctions.isoTime();
      const ours = isoTimeOncePerMs();
      const after = pino.stdTimeFunctions.isoTime();
      expect(ours).toMatch(/^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
      expect(ms(ours)).toBeGreaterThanOrEqual(ms(before));
      expect(ms(ours)).toBeLessThanOrEqual(ms(after));
    }
  });
});

describe('AppLogger (Nest messages)', () => {
  it('writes Nest messages in the same format, with their context; start-up chatter and verbose at debug; stacks as err', () => {
    const { root, records } = capture('info');
    const logger = AppLogger.over(root);
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    logger.verbose('details', 'Scheduler');
    logger.error('boom', 'Error: boom\n    at x (file.js:1:1)', 'Scheduler');
    logger.warn({ a: 1 }, 'Scheduler');
    expect(records()).toEqual([
      { level: 'info', time: expect.any(String), context: 'NestApplication', msg: 'Nest application successfully started' },
      {
        level: 'error',
        time: expect.any(String),
        context: 'Scheduler',
        err: expect.objectContaining({ message: 'boom', stack: 'Error: boom\n    at x (file.js:1:1)' }),
        msg: 'boom',
      },
      { level: 'warn', time: expect.any(String), context: 'Scheduler', a: 1 },
    ]);
  });
});
