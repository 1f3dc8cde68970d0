import { BadRequestException } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { GenerateScheduleRequestDto, PolicySelectionDto } from '../dto/generate-schedule.request.dto';
import { resolveSchedulerSettings } from '../scheduler-settings';
import { ScheduleRequestBody } from './schedule-request-body.decorator';
import { ScheduleRequestPipe } from './schedule-request.pipe';

const ok = { t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: '{"policy": "dummy", "config": {}}' };
const metadata = { type: 'custom' as const, metatype: Object };

function deep(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

describe('ScheduleRequestPipe', () => {
  const pipe = new ScheduleRequestPipe(resolveSchedulerSettings({ maxConfigDepth: 4, maxConfigValues: 50, maxCalibrationTargets: 2 }));
  const run = (body: unknown) => pipe.transform(body, metadata);

  async function messageOf(body: unknown): Promise<string> {
    const err = await run(body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BadRequestException);
    const response = (err as BadRequestException).getResponse() as Record<string, unknown>;
    expect(Object.keys(response).sort()).toEqual(['message', 'status']);
    expect(response.status).toBe('error');
    return response.message as string;
  }

  describe('valid requests', () => {
    it('builds the DTO with a nested policy selection from each form', async () => {
      for (const policy of [ok.policy, { policy: 'dummy', config: {} }, ' {"policy": " dummy ", "config": {}}']) {
        const dto = await run({ ...ok, policy });
        expect(dto).toBeInstanceOf(GenerateScheduleRequestDto);
        expect(dto.policy).toBeInstanceOf(PolicySelectionDto);
        expect({ ...dto, policy: { ...dto.policy } }).toEqual({ t0: ok.t0, t1: ok.t1, policy: { policy: 'dummy', config: {} } });
      }
      const bare = await run({ ...ok, policy: 'dummy' });
      expect(bare.policy.policy).toBe('dummy');
      expect(bare.policy.config).toBeUndefined();
    });

    it('keeps the client config as sent, and reads null config or preset as absent', async () => {
      const config = { rules: { 'sun-avoidance': { min_angle_az: 6 } }, targets: ['a', 'b'] };
      const dto = await run({ ...ok, policy: { policy: 'basic', config, preset: ' winter ' } });
      expect(dto.policy.config).toEqual(config);
      expect(dto.policy.preset).toBe('winter');
      const nulls = await run({ ...ok, policy: { policy: 'dummy', config: null, preset: null } });
      expect(nulls.policy.config).toBeUndefined();
      expect(nulls.policy.preset).toBeUndefined();
    });

    it('drops keys the DTO does not declare, at both levels, and leaves the raw body alone', async () => {
      const body = { ...ok, extra: { deep: deep(50_000, 'array') }, policy: { policy: 'dummy', other: 1 } };
      const dto = await run(body);
      expect(Object.keys(dto).sort()).toEqual(['policy', 't0', 't1']);
      expect(Object.keys(dto.policy).every((k) => ['policy', 'config', 'preset'].includes(k))).toBe(true);
      expect(body.policy).toEqual({ policy: 'dummy', other: 1 });
    });
  });

  describe('messages', () => {
    it.each<[unknown, string]>([
      [[], 'an array'],
      ['x', 'a string'],
      [3, 'a number'],
      [null, 'null'],
      [undefined, 'undefined'],
    ])('refuses the body %p that is not an object', async (body, kind) => {
      expect(await messageOf(body)).toMatch(new RegExp(`^The request body must be a JSON object such as .*\\(got ${kind}\\)$`));
    });

    it('names each missing field, in order', async () => {
      expect(await messageOf({})).toBe('Missing t0 field');
      expect(await messageOf({ t0: ok.t0 })).toBe('Missing t1 field');
      expect(await messageOf({ t0: ok.t0, t1: ok.t1 })).toBe('Missing policy field');
      expect(await messageOf({ t1: 'garbage', policy: 7 })).toBe('Missing t0 field');
    });

    it('names the time field and the accepted forms', async () => {
      expect(await messageOf({ ...ok, t0: 'abc' })).toMatch(/^Invalid t0 "abc": expected YYYY-MM-DD HH:MM\[:SS\] \(UTC\) or ISO 8601/);
      expect(await messageOf({ ...ok, t1: '2023-02-30 10:00' })).toMatch(/^Invalid t1 "2023-02-30 10:00": not a valid date/);
      expect(await messageOf({ ...ok, t0: { $date: 1 } })).toMatch(/^Invalid t0: expected a string .* \(got an object\)$/);
      expect(await messageOf({ ...ok, t1: ['2026-11-29 22:05'] })).toMatch(/\(got an array\)$/);
    });

    it.each<[unknown, RegExp]>([
      ['{"policy": dummy}', /^Invalid policy: .* is neither valid JSON nor a policy name; expected a JSON object/],
      ['[1, 2]', /^Invalid policy: the JSON string holds an array, not an object; expected/],
      ['{"config": {}}', /^Invalid policy: the object has no "policy" key naming the policy; expected/],
      [7, /^Invalid policy: got a number; expected/],
      [[{ policy: 'dummy' }], /^Invalid policy: got an array; expected/],
      [{ policy: '' }, /the "policy" key must be a non-empty string \(got a string\)/],
      [{ policy: 3 }, /the "policy" key must be a non-empty string \(got a number\)/],
      ['{"policy": {"name": "dummy"}}', /the "policy" key must be a non-empty string \(got an object\)/],
      [{ policy: 'dummy', config: [1] }, /^Invalid config: config must be an object of settings such as \{\} \(got an array\)$/],
      ['{"policy": "dummy", "config": "{}"}', /^Invalid config: config must be an object .*\(got a string\)$/],
      [{ policy: 'dummy', preset: 5 }, /^Invalid preset: the "preset" key must be a non-empty string \(got a number\)$/],
    ])('explains the policy field %p', async (policy, re) => {
      expect(await messageOf({ ...ok, policy })).toMatch(re);
    });

    it('bounds the config with the configured limits before anything copies it', async () => {
      expect(await messageOf({ ...ok, policy: { policy: 'dummy', config: { a: { b: { c: { d: { e: 1 } } } } } } })).toBe(
        'Invalid config: config.a.b.c.d is nested too deeply: at most 4 levels are accepted (the configured limit).',
      );
      expect(await messageOf({ ...ok, policy: { policy: 'dummy', config: { list: Array.from({ length: 60 }, (_, i) => i) } } })).toBe(
        'Invalid config: config is too large: more than 50 values (the configured limit).',
      );
      expect(await messageOf({ ...ok, policy: JSON.stringify({ policy: 'basic', config: { soft_targets: ['a', 'b', 'c'] } }) })).toBe(
        'Invalid config: config.soft_targets lists 3 targets; at most 2 are accepted (the configured limit).',
      );
    });

    it.each([
      ['a JSON string', '{"policy": "dummy", "config": {"__proto__": {"polluted": true}}}', 'config.__proto__'],
      ['an inline object', { policy: 'dummy', config: JSON.parse('{"a": {"constructor": {"prototype": {"polluted": true}}}}') }, 'config.a.constructor'],
    ])('refuses a key that could reach a prototype in %s, naming it', async (_form, policy, path) => {
      expect(await messageOf({ ...ok, policy })).toBe(`Invalid config: ${path} is not an allowed key.`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses pathological nesting anywhere without overflowing the stack', async () => {
      expect(await messageOf({ ...ok, t0: deep(200_000, 'array') })).toMatch(/^Invalid t0: .*\(got an array\)$/);
      expect(await messageOf({ ...ok, policy: deep(200_000, 'object') })).toMatch(/the object has no "policy" key/);
      expect(await messageOf({ ...ok, policy: { policy: 'dummy', config: deep(200_000, 'object') } })).toMatch(/is nested too deeply/);
      const text = `{"policy":"dummy","config":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
      expect(await messageOf({ ...ok, policy: text })).toMatch(/is nested too deeply/);
    });
  });
});

describe('@ScheduleRequestBody()', () => {
  class Controller {
    handle(@ScheduleRequestBody() request: Readonly<GenerateScheduleRequestDto>): unknown {
      return request;
    }
  }

  it('binds ScheduleRequestPipe to the parameter, typed Object so that no other ValidationPipe takes it', () => {
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Controller, 'handle') as Record<string, { pipes: unknown[] }>;
    expect(Object.values(args).map((a) => a.pipes)).toEqual([[ScheduleRequestPipe]]);
    expect(Reflect.getMetadata('design:paramtypes', Controller.prototype, 'handle')).toEqual([Object]);
  });
});
