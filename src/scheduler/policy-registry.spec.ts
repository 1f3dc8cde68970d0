import { Inject, Injectable, Module, Scope, type Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, REQUEST } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { NumberField } from '../core/config/decorators';
import { ScheduleInputError } from '../core/errors';
import { CORE_POLICIES } from '../core/policies';
import type { ScheduleResult } from '../core/policy';
import { InProcessExecutor } from './execution/in-process.executor';
import { BUILT_IN_POLICY_PROVIDERS } from './policies/built-in-policies';
import { SchedulePolicy, SchedulePolicyMetadata, type SchedulePolicyProvider } from './policies/schedule-policy.decorator';
import { PolicyRegistry } from './policy-registry';
import { DEFAULT_SAFETY_FLOORS } from '../core/safety/floors';

const [DummyPolicyProvider, BasicPolicyProvider] = BUILT_IN_POLICY_PROVIDERS;

class StepConfig {
  @NumberField({ integer: true, min: 1, max: 9, description: 'Step.' })
  readonly step!: number;
}

/** A small valid policy whose instance also claims another name (which must not count). */
@SchedulePolicy({ name: 'stepper', config: StepConfig, description: 'Steps.' })
class StepperPolicy implements SchedulePolicyProvider<StepConfig> {
  readonly name = 'dummy';
  readonly defaults: StepConfig = { step: 2 };
  readonly presets: Readonly<Record<string, unknown>> = { big: { step: 9 } };

  generate(t0: number, t1: number, config: StepConfig): ScheduleResult {
    return { commands: `# stepper ${config.step} ${t1 - t0}\n` };
  }
}

@SchedulePolicy({ name: 'stepper', config: StepConfig, description: 'The same name, another class.' })
class OtherStepperPolicy extends StepperPolicy {}

@SchedulePolicy({ name: 'bad-defaults', config: StepConfig, description: 'Defaults out of range.' })
class BadDefaultsPolicy extends StepperPolicy {
  override readonly defaults = { step: 0 };
}

@SchedulePolicy({ name: 'bad-preset', config: StepConfig, description: 'A preset out of range.' })
class BadPresetPolicy extends StepperPolicy {
  override readonly presets = { huge: { step: 10 } };
}

// Not a provider at all: only JavaScript (or a cast) can get it past the decorator's type.
@(SchedulePolicy({ name: 'not-a-policy', config: StepConfig, description: 'No algorithm.' }) as unknown as ClassDecorator)
class NotAPolicy {}

@Injectable({ scope: Scope.REQUEST })
@SchedulePolicy({ name: 'per-request', config: StepConfig, description: 'Request-scoped.' })
class RequestScopedPolicy extends StepperPolicy {}

@SchedulePolicy({ name: 'per-request-dep', config: StepConfig, description: 'Request-scoped through a dependency.' })
class RequestDependentPolicy extends StepperPolicy {
  constructor(@Inject(REQUEST) readonly request: unknown) {
    super();
  }
}

async function registryWith(...providers: Type[]): Promise<PolicyRegistry> {
  const ref = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [PolicyRegistry, InProcessExecutor, ...providers],
  }).compile();
  return ref.get(PolicyRegistry);
}

describe('PolicyRegistry', () => {
  it('finds decorated providers by name and names the supported ones for an unknown name', async () => {
    const registry = await registryWith(DummyPolicyProvider, StepperPolicy);
    registry.onModuleInit();
    expect(registry.names()).toEqual(['dummy', 'stepper']);
    expect(registry.get('dummy')?.description).toMatch(/^Sleeps only/);
    expect(registry.get('basic')).toBeUndefined();
    expect(() => registry.require('basic')).toThrow(new ScheduleInputError('Unknown policy "basic"; supported policies: dummy, stepper'));
  });

  it("takes name, description and config class from the decorator and the algorithm from the instance (whose own name does not count)", async () => {
    const registry = await registryWith(StepperPolicy);
    const p = registry.require('stepper');
    expect(p).toMatchObject({ name: 'stepper', description: 'Steps.', configClass: StepConfig, defaults: { step: 2 }, presets: { big: { step: 9 } } });
    expect(p.generate(0, 5, { step: 3 }, { dataDir: '.', seed: 's', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS }).commands).toBe('# stepper 3 5\n');
    expect(Object.isFrozen(p.defaults)).toBe(true);
  });

  it('says "none" when no policy is registered', async () => {
    const registry = await registryWith();
    expect(() => registry.require('dummy')).toThrow('Unknown policy "dummy"; supported policies: none');
  });

  it('registers a class provided by two modules once', async () => {
    @Module({ providers: [StepperPolicy] })
    class HostPolicies {}
    @Module({ providers: [StepperPolicy] })
    class MorePolicies {}
    const ref = await Test.createTestingModule({
      imports: [DiscoveryModule, HostPolicies, MorePolicies],
      providers: [PolicyRegistry],
    }).compile();
    // Two providers of one class, hence two instances: one policy.
    expect(ref.get(DiscoveryService).getProviders({ metadataKey: SchedulePolicyMetadata.KEY })).toHaveLength(2);
    expect(ref.get(PolicyRegistry).names()).toEqual(['stepper']);
  });

  it('refuses two classes with one name, naming both', async () => {
    const registry = await registryWith(StepperPolicy, OtherStepperPolicy);
    expect(() => registry.onModuleInit()).toThrow(
      'Two schedule policies are named "stepper": StepperPolicy and OtherStepperPolicy; give each @SchedulePolicy a unique name',
    );
  });

  it('refuses a decorated class that does not implement SchedulePolicyProvider', async () => {
    const registry = await registryWith(NotAPolicy);
    expect(() => registry.onModuleInit()).toThrow(
      'Policy "not-a-policy" (NotAPolicy) must implement SchedulePolicyProvider: defaults and generate(t0, t1, config, ctx)',
    );
  });

  it.each([
    ['declared', RequestScopedPolicy, 'per-request'],
    ['through a dependency', RequestDependentPolicy, 'per-request-dep'],
  ])('refuses a request-scoped policy (%s)', async (_how, cls, name) => {
    const registry = await registryWith(cls);
    expect(() => registry.onModuleInit()).toThrow(`Policy "${name}" (${cls.name}) must be a singleton provider`);
  });

  it('refuses defaults or a preset that its config class refuses, at start-up', async () => {
    await expect(registryWith(BadDefaultsPolicy).then((r) => r.onModuleInit())).rejects.toThrow(
      'Policy "bad-defaults" (BadDefaultsPolicy) has defaults its config class refuses: Invalid config: defaults.step must be an integer between 1 and 9 (got 0).',
    );
    await expect(registryWith(BadPresetPolicy).then((r) => r.onModuleInit())).rejects.toThrow(
      'Policy "bad-preset" (BadPresetPolicy) has a preset its config class refuses: Invalid config: presets.huge.step must be an integer between 1 and 9 (got 10).',
    );
  });

  it('runs a policy through the in-process executor', async () => {
    const ref = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [PolicyRegistry, InProcessExecutor, DummyPolicyProvider],
    }).compile();
    const executor = ref.get(InProcessExecutor);
    const t0 = Date.parse('2026-11-29T21:05:00Z') * 1000;
    const ctx = { dataDir: '/tmp', seed: 'x', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS };
    const r = await executor.run({ policy: 'dummy', t0, t1: t0 + 60e6, config: {}, ctx });
    expect(r.commands.startsWith('import time\n# generated 1970-01-01T00:00:00.000Z')).toBe(true);
    await expect(executor.run({ policy: 'nope', t0, t1: t0 + 60e6, config: {}, ctx })).rejects.toThrow(ScheduleInputError);
  });
});

describe('built-in policy providers', () => {
  it('are derived from CORE_POLICIES, one class each with a readable name', async () => {
    expect(BUILT_IN_POLICY_PROVIDERS.map((c) => c.name)).toEqual(['DummyPolicyProvider', 'BasicPolicyProvider']);
    const registry = await registryWith(...BUILT_IN_POLICY_PROVIDERS);
    expect(registry.names()).toEqual([...CORE_POLICIES.keys()].sort());
    for (const core of CORE_POLICIES.values()) {
      expect(registry.require(core.name)).toMatchObject({
        name: core.name,
        description: core.description,
        configClass: core.configClass,
        defaults: core.defaults,
      });
    }
  });
});

describe('@SchedulePolicy', () => {
  it.each<[string, object, string]>([
    ['a name that cannot be sent bare', { name: 'my policy', config: StepConfig, description: 'x' }, '@SchedulePolicy name "my policy" must match'],
    ['no config class', { name: 'ok', description: 'x' }, '@SchedulePolicy "ok" needs its config class'],
    ['no description', { name: 'ok', config: StepConfig, description: ' ' }, '@SchedulePolicy "ok" needs a one-line description'],
  ])('refuses %s when the class is declared', (_what, options, message) => {
    expect(() => SchedulePolicy(options as never)).toThrow(message);
  });

  it('makes the class injectable', () => {
    expect(Reflect.getMetadata('__injectable__', StepperPolicy)).toBe(true);
  });
});
