import { Injectable, Scope } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ScheduleInputError } from '../core/errors';
import { InProcessExecutor } from './execution/in-process.executor';
import { DummyPolicyProvider } from './policies/dummy-policy.provider';
import { SchedulePolicy } from './policies/schedule-policy.decorator';
import { PolicyRegistry } from './policy-registry';

@SchedulePolicy('not-a-policy')
@Injectable()
class NotAPolicy {}

@SchedulePolicy('per-request')
@Injectable({ scope: Scope.REQUEST })
class RequestScopedPolicy extends DummyPolicyProvider {}

async function registryWith(...providers: (new (...args: never[]) => unknown)[]): Promise<PolicyRegistry> {
  const ref = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [PolicyRegistry, InProcessExecutor, ...providers],
  }).compile();
  return ref.get(PolicyRegistry);
}

describe('PolicyRegistry', () => {
  it('finds decorated providers by name and names the supported ones for an unknown name', async () => {
    const registry = await registryWith(DummyPolicyProvider);
    registry.onModuleInit();
    expect(registry.names()).toEqual(['dummy']);
    expect(registry.get('dummy')?.description).toMatch(/^Sleeps only/);
    expect(registry.get('basic')).toBeUndefined();
    expect(() => registry.require('basic')).toThrow(new ScheduleInputError('Unknown policy "basic"; supported policies: dummy'));
  });

  it('says "none" when no policy is registered', async () => {
    const registry = await registryWith();
    expect(() => registry.require('dummy')).toThrow('Unknown policy "dummy"; supported policies: none');
  });

  it('refuses a decorated class that does not implement Policy', async () => {
    const registry = await registryWith(NotAPolicy);
    expect(() => registry.onModuleInit()).toThrow(
      'Policy "not-a-policy" (NotAPolicy) must implement Policy: defaults, configClass and generate(t0, t1, config, ctx)',
    );
  });

  it('refuses a request-scoped policy', async () => {
    const registry = await registryWith(RequestScopedPolicy);
    expect(() => registry.onModuleInit()).toThrow(/Policy "per-request" \(RequestScopedPolicy\) must be a singleton provider/);
  });

  it('runs a policy through the in-process executor', async () => {
    const ref = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [PolicyRegistry, InProcessExecutor, DummyPolicyProvider],
    }).compile();
    const executor = ref.get(InProcessExecutor);
    const t0 = Date.parse('2026-11-29T21:05:00Z') * 1000;
    const ctx = { dataDir: '/tmp', seed: 'x', now: new Date(0) };
    const r = await executor.run({ policy: 'dummy', t0, t1: t0 + 60e6, config: {}, ctx });
    expect(r.commands.startsWith('import time\n# generated 1970-01-01T00:00:00.000Z')).toBe(true);
    await expect(executor.run({ policy: 'nope', t0, t1: t0 + 60e6, config: {}, ctx })).rejects.toThrow(ScheduleInputError);
  });
});
