/**
 * The config a policy runs with: its defaults, then a named preset (extension), then the
 * request's `config`, deep-merged and validated by the policy. Defaults are never modified.
 */
import { ScheduleInputError } from '../../core/errors';
import { deepMerge } from '../../core/config/merge';
import type { Policy } from '../../core/policy';
import type { PolicyRequest } from './parse-policy';
import { quoteInput } from './parse-time';

/** Stored configs by policy name, then preset name (plain JSON objects). */
export type PresetTable = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The outcome of `resolvePolicyConfig`. */
export interface ResolvedConfig<C> {
  /** The merged plain-JSON config before validation (stable input for the request seed). */
  readonly merged: unknown;
  /** The config as validated and typed by the policy. */
  readonly config: C;
}

/**
 * Merges `request.config` (over `request.preset`, over `policy.defaults`) and validates the
 * result with `policy.validate`. Throws `ConfigError`/`ScheduleInputError` naming the path.
 */
export function resolvePolicyConfig<C>(
  policy: Policy<C>,
  request: Pick<PolicyRequest, 'config' | 'preset'>,
  presets: PresetTable = {},
): ResolvedConfig<C> {
  let base: unknown = policy.defaults;
  if (request.preset !== undefined) {
    const own = Object.prototype.hasOwnProperty.call(presets, policy.name) ? presets[policy.name] : {};
    if (!Object.prototype.hasOwnProperty.call(own, request.preset)) {
      const names = Object.keys(own);
      throw new ScheduleInputError(
        `Unknown preset ${quoteInput(request.preset)} for policy "${policy.name}"; available presets: ${names.length ? names.join(', ') : 'none'}`,
        'preset',
      );
    }
    base = deepMerge(base, own[request.preset], 'config');
  }
  const merged = deepMerge(base, request.config, 'config');
  return { merged, config: policy.validate(merged) };
}
