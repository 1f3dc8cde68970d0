/**
 * The registered policies in an OpenAPI document: each policy's config schema (made from its
 * config class: types, bounds, enums, descriptions, defaults) and its selection object, and the
 * request's `PolicySelectionDto` as a `oneOf` of those with a discriminator on `policy`.
 * `addPolicySchemas` is exported so that a host app adds its own policies to its own document.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { configJsonSchema } from '../core/config/json-schema';
import type { Policy } from '../core/policy';
import { PolicyRegistry } from './policy-registry';
import { SCHEDULER_SETTINGS } from './scheduler.constants';
import type { SchedulerSettings } from './scheduler-options.interface';

/** Name of the request's selection schema, as `@nestjs/swagger` names the DTO class. */
export const POLICY_SELECTION_SCHEMA = 'PolicySelectionDto';

/** `night-watch` → `NightWatch`. */
function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** Every key optional, at every level: a request sends overrides, deep-merged over the defaults. */
function withoutRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRequired);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // `default` and `enum` hold data, not schemas: copy them as they are.
    if (key === 'required') continue;
    out[key] = key === 'default' || key === 'enum' ? value : withoutRequired(value);
  }
  return out;
}

/**
 * The presets a request may name for `policy`, by name (sorted): the policy's own and the
 * operator's (`presets` module option), the operator's winning where both name one.
 */
export function policyPresets(policy: Policy, settings: SchedulerSettings | undefined): Record<string, unknown> {
  const operator = settings && Object.prototype.hasOwnProperty.call(settings.presets, policy.name) ? settings.presets[policy.name] : {};
  const all: Record<string, unknown> = { ...(policy.presets ?? {}), ...operator };
  return Object.fromEntries(Object.keys(all).sort().map((name) => [name, all[name]]));
}

/** The config a request may send to `policy` as JSON Schema: every key optional, defaults shown (what `/docs` shows). */
export function policyConfigSchema(policy: Policy): SchemaObject {
  return {
    ...(withoutRequired(configJsonSchema(policy)) as SchemaObject),
    description: `Config of \`${policy.name}\`: every key is optional in a request; what is sent is deep-merged over the defaults shown (objects key by key, arrays and values replace, \`null\` removes an optional key), and the result must pass every bound below.`,
  };
}

function optional<T>(app: Pick<INestApplicationContext, 'get'>, token: unknown): T | undefined {
  try {
    return app.get<T>(token as never, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Adds every policy registered in `app` to `document`: `<Name>PolicyConfig` (the config a request
 * may send, every key optional and its default shown) and `<Name>PolicySelection` in
 * `components.schemas`, and `PolicySelectionDto` as their `oneOf` with a discriminator on
 * `policy`. Returns `document` (changed in place).
 */
export function addPolicySchemas(document: OpenAPIObject, app: Pick<INestApplicationContext, 'get'>): OpenAPIObject {
  const registry = app.get(PolicyRegistry, { strict: false });
  const settings = optional<SchedulerSettings>(app, SCHEDULER_SETTINGS);
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  const taken = new Set(Object.keys(schemas));
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
  const mapping: Record<string, string> = {};
  const policies = [...registry.all().values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const policy of policies) {
    const base = pascalCase(policy.name);
    const configName = unique(`${base}PolicyConfig`);
    const selectionName = unique(`${base}PolicySelection`);
    schemas[configName] = policyConfigSchema(policy);
    const presets = Object.keys(policyPresets(policy, settings));
    schemas[selectionName] = {
      type: 'object',
      description: `\`${policy.name}\`: ${policy.description}`,
      required: ['policy'],
      properties: {
        policy: { type: 'string', enum: [policy.name] },
        config: { $ref: `#/components/schemas/${configName}` },
        preset: presets.length
          ? { type: 'string', enum: presets, description: 'Extension: a stored config applied between the defaults and `config`.' }
          : { type: 'string', description: `Extension: a stored config applied between the defaults and \`config\`; \`${policy.name}\` has none.` },
      },
    };
    mapping[policy.name] = `#/components/schemas/${selectionName}`;
  }
  schemas[POLICY_SELECTION_SCHEMA] = {
    description: 'The policy and its settings; `policy` names the policy and decides the shape of `config`.',
    oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
    discriminator: { propertyName: 'policy', mapping },
  };
  return document;
}
