import { AppLogger } from './app-logger';

const NOW = new Date('2026-11-29T21:05:00.000Z');

function capture(level: 'silent' | 'error' | 'warn' | 'info' | 'debug', format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const logger = new AppLogger({ level, format, sink: (l) => lines.push(l), now: () => NOW });
  return { logger, lines };
}

describe('AppLogger', () => {
  it('writes one JSON object per line with time, level and message first', () => {
    const { logger, lines } = capture('info');
    logger.write('info', 'request', { requestId: 'r1', status: 200, skipped: undefined });
    expect(lines).toEqual(['{"time":"2026-11-29T21:05:00.000Z","level":"info","msg":"request","requestId":"r1","status":200}\n']);
  });

  it('filters by level; silent writes nothing', () => {
    const info = capture('warn');
    info.logger.write('info', 'no');
    info.logger.write('debug', 'no');
    info.logger.write('warn', 'yes');
    info.logger.write('error', 'yes');
    expect(info.lines.map((l) => JSON.parse(l).level)).toEqual(['warn', 'error']);
    const silent = capture('silent');
    silent.logger.write('error', 'no');
    silent.logger.error('no');
    expect(silent.lines).toEqual([]);
  });

  it('writes readable single lines in pretty format, quoting values with spaces', () => {
    const { logger, lines } = capture('debug', 'pretty');
    logger.write('info', 'request', { method: 'POST', policy: 'dummy', t0: '2026-11-29 21:05', status: 200, note: undefined });
    logger.write('error', 'two\nlines');
    expect(lines).toEqual([
      '2026-11-29T21:05:00.000Z INFO  request method=POST policy=dummy t0="2026-11-29 21:05" status=200\n',
      '2026-11-29T21:05:00.000Z ERROR two\\nlines\n',
    ]);
  });

  it("serves as Nest's logger: context, stack, and start-up chatter at debug", () => {
    const { logger, lines } = capture('info');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    logger.error('boom', 'Error: boom\n    at x', 'Scheduler');
    logger.warn({ a: 1 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: NOW.toISOString(), level: 'info', msg: 'Nest application successfully started', context: 'NestApplication' },
      { time: NOW.toISOString(), level: 'error', msg: 'boom', context: 'Scheduler', stack: 'Error: boom\n    at x' },
      { time: NOW.toISOString(), level: 'warn', msg: '{"a":1}' },
    ]);
  });

  it('never throws on fields that cannot be serialised', () => {
    const { logger, lines } = capture('info');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => logger.write('info', 'x', { cyclic, big: 10n })).not.toThrow();
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', msg: 'x', note: 'fields could not be serialised' });
  });
});
