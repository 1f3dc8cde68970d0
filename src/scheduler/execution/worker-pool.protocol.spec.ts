import { ConfigError, ScheduleInputError } from '../../core/errors';
import type { ScheduleResult } from '../../core/policy';
import { deserializeError, isWorkerEvent, plainResult, serializeError } from './worker-pool.protocol';

/** What `postMessage` does to the data. */
const clone = <T>(value: T): T => structuredClone(value);

describe('worker-pool protocol', () => {
  it('rebuilds client errors with their class, message and path', () => {
    const input = deserializeError(clone(serializeError(new ScheduleInputError('No such file.', 'config.master_schedule'))));
    expect(input).toBeInstanceOf(ScheduleInputError);
    expect(input).not.toBeInstanceOf(ConfigError);
    expect(input).toMatchObject({ name: 'ScheduleInputError', message: 'No such file.', path: 'config.master_schedule' });
    const config = deserializeError(clone(serializeError(new ConfigError('config.a', 'must be a number'))));
    expect(config).toBeInstanceOf(ConfigError);
    expect(config).toMatchObject({ name: 'ConfigError', message: 'Invalid config: config.a must be a number.', path: 'config.a' });
  });

  it('rebuilds any other error as a plain Error with its name, message and stack, and no other field', () => {
    const thrown = Object.assign(new TypeError('x is undefined'), { path: 'config.secret' });
    const e = deserializeError(clone(serializeError(thrown)));
    expect(e).not.toBeInstanceOf(ScheduleInputError);
    expect(e).toMatchObject({ name: 'TypeError', message: 'x is undefined', stack: thrown.stack });
    expect((e as { path?: string }).path).toBeUndefined();
    // A client error's name is not enough to become one (a 400): only an instance of its class is.
    const fake = deserializeError(clone(serializeError(Object.assign(new Error('boom'), { name: 'ConfigError' }))));
    expect(fake).not.toBeInstanceOf(ScheduleInputError);
    expect(fake).toMatchObject({ name: 'ConfigError', message: 'boom' });
    expect(deserializeError(serializeError('a string'))).toMatchObject({ name: 'Error', message: 'a string' });
  });

  it('copies only the documented result fields that are set', () => {
    const result = { commands: 'import time\n', note: undefined, blocks: [], safety: { verdict: 'safe' }, extra: () => 1 };
    expect(clone(plainResult(result as unknown as ScheduleResult))).toEqual({ commands: 'import time\n', blocks: [], safety: { verdict: 'safe' } });
    const noted = { ...result, note: 'n' } as unknown as ScheduleResult;
    expect(clone(plainResult(noted, true))).toEqual({ commands: 'import time\n', note: 'n' });
    expect(clone(plainResult(noted, false))).toEqual({ commands: 'import time\n', note: 'n', blocks: [], safety: { verdict: 'safe' } });
  });

  it('recognises the worker events only', () => {
    expect(isWorkerEvent({ type: 'warmed', threadId: 3, warmupErrors: [] })).toBe(true);
    expect(isWorkerEvent({ type: 'broken', threadId: 3, error: 'x' })).toBe(true);
    for (const other of [null, 'warmed', { type: 'warmed' }, { type: 'other', threadId: 1 }]) expect(isWorkerEvent(other)).toBe(false);
  });
});
