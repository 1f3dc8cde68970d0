/**
 * Every provider decorated with `@SchedulePolicy(name)` in the application, collected once into a
 * map by name. Two policies with one name stop the start-up with a message naming both classes.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ScheduleInputError } from '../core/errors';
import type { Policy } from '../core/policy';
import { quoteInput } from './request';
import { SchedulePolicy } from './policies/schedule-policy.decorator';

function isPolicy(v: unknown): v is Policy {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Partial<Policy>;
  return typeof p.validate === 'function' && typeof p.generate === 'function' && p.defaults !== undefined;
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
    const owners = new Map<string, string>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: SchedulePolicy.KEY })) {
      const name = this.discovery.getMetadataByDecorator(SchedulePolicy, wrapper);
      const cls = wrapper.metatype?.name ?? String(wrapper.name);
      if (typeof name !== 'string' || name === '') {
        throw new Error(`@SchedulePolicy on ${cls} needs a non-empty policy name, e.g. @SchedulePolicy('my-policy')`);
      }
      if (!wrapper.isDependencyTreeStatic()) {
        throw new Error(`Policy "${name}" (${cls}) must be a singleton provider: request-scoped policies are not supported`);
      }
      const instance: unknown = wrapper.instance;
      if (!isPolicy(instance)) {
        throw new Error(`Policy "${name}" (${cls}) must implement Policy: defaults, validate(config) and generate(t0, t1, config, ctx)`);
      }
      const previous = owners.get(name);
      if (previous !== undefined) {
        throw new Error(
          `Two schedule policies are named "${name}": ${previous} and ${cls}; give each @SchedulePolicy a unique name`,
        );
      }
      owners.set(name, cls);
      found.set(name, instance);
    }
    this.byName = found;
    return found;
  }
}
