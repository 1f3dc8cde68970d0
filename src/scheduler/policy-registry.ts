/**
 * Every provider decorated with `@SchedulePolicy` in the application, collected once into a map
 * by name: name, description and config class from the decorator, the algorithm from the
 * instance. A class provided twice (listed in `policies` and provided by the host too) is one
 * policy; two different classes with one name stop the start-up naming both.
 */
import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { deepFreeze, deepMerge } from '../core/config/merge';
import { validateConfig } from '../core/config/validate';
import { ScheduleInputError } from '../core/errors';
import { quoteInput } from '../core/messages';
import type { Policy } from '../core/policy';
import { SchedulePolicyMetadata, type SchedulePolicyProvider } from './policies/schedule-policy.decorator';

function isProvider(v: unknown): v is SchedulePolicyProvider {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Partial<SchedulePolicyProvider>;
  return typeof p.generate === 'function' && p.defaults !== undefined;
}

/** Checks that the defaults, and each preset over them, pass the config class: a broken policy stops the start-up, not a request. */
function checkConfigs(policy: Policy, cls: string): void {
  const label = `Policy "${policy.name}" (${cls})`;
  try {
    validateConfig(policy.configClass, policy.defaults, 'defaults');
  } catch (err) {
    throw new Error(`${label} has defaults its config class refuses: ${(err as Error).message}`);
  }
  for (const [preset, partial] of Object.entries(policy.presets ?? {})) {
    try {
      validateConfig(policy.configClass, deepMerge(policy.defaults, partial, `presets.${preset}`), `presets.${preset}`);
    } catch (err) {
      throw new Error(`${label} has a preset its config class refuses: ${(err as Error).message}`);
    }
  }
}

/** Finds the policies by name; filled at module init (or on first use, whichever comes first). */
@Injectable()
export class PolicyRegistry implements OnModuleInit {
  private byName?: ReadonlyMap<string, Policy>;

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.load();
  }

  /** The policy called `name`, or `undefined`. */
  get(name: string): Policy | undefined {
    return this.load().get(name);
  }

  /** The policy called `name`; an unknown name is a client error naming the supported ones. */
  require(name: string): Policy {
    const p = this.load().get(name);
    if (p) return p;
    throw new ScheduleInputError(
      `Unknown policy ${quoteInput(name)}; supported policies: ${this.names().join(', ') || 'none'}`,
      'policy',
    );
  }

  /** Names of every registered policy, sorted. */
  names(): string[] {
    return [...this.load().keys()].sort();
  }

  /** Every registered policy, by name. */
  all(): ReadonlyMap<string, Policy> {
    return this.load();
  }

  private load(): ReadonlyMap<string, Policy> {
    if (this.byName) return this.byName;
    const found = new Map<string, Policy>();
    const owners = new Map<string, Type>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: SchedulePolicyMetadata.KEY })) {
      const meta = this.discovery.getMetadataByDecorator(SchedulePolicyMetadata, wrapper);
      const metatype = wrapper.metatype as Type | undefined;
      if (!meta || !metatype) continue;
      const { name } = meta;
      const owner = owners.get(name);
      // The same class provided by two modules is one policy.
      if (owner === metatype) continue;
      if (owner !== undefined) {
        throw new Error(`Two schedule policies are named "${name}": ${owner.name} and ${metatype.name}; give each @SchedulePolicy a unique name`);
      }
      if (!wrapper.isDependencyTreeStatic()) {
        throw new Error(`Policy "${name}" (${metatype.name}) must be a singleton provider: request-scoped policies are not supported`);
      }
      const instance: unknown = wrapper.instance;
      if (!isProvider(instance)) {
        throw new Error(`Policy "${name}" (${metatype.name}) must implement SchedulePolicyProvider: defaults and generate(t0, t1, config, ctx)`);
      }
      const policy: Policy = Object.freeze({
        name,
        description: meta.description,
        configClass: meta.config,
        // Frozen in place: defaults are shared by every request and must never change.
        defaults: deepFreeze(instance.defaults),
        ...(instance.presets === undefined ? {} : { presets: deepFreeze(instance.presets) }),
        generate: instance.generate.bind(instance),
      });
      checkConfigs(policy, metatype.name);
      owners.set(name, metatype);
      found.set(name, policy);
    }
    this.byName = found;
    return found;
  }
}
