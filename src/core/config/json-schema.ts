/**
 * JSON Schema of a policy's config, made from its config class by class-validator-jsonschema:
 * types, bounds, enums, list sizes and descriptions come from the decorators, defaults from the
 * policy's `defaults` (their one source). OpenAPI 3.0 flavour: `exclusiveMinimum` is a boolean
 * beside `minimum`, every object has `additionalProperties: false`, and nested classes are inlined
 * (no `$ref`), so the schema is self-contained: the Nest layer can put it into
 * `components.schemas` as one entry, whatever the names of the classes.
 */
import { IS_POSITIVE, MAX, MIN, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { applyConfigDecorators, type ConfigContext, type JsonSchema } from './decorators';
import { isPlainObject } from './merge';
import type { ConfigClass } from './validate';

/** Deepest nesting of config classes; deeper means a class contains itself. */
const MAX_CLASS_DEPTH = 16;

function contextOf(meta: ValidationMetadata): Partial<ConfigContext> {
  return (meta.context ?? {}) as Partial<ConfigContext>;
}

/** The library's converters by constraint name (its options type is not exported). */
type Converters = NonNullable<NonNullable<Parameters<typeof targetConstructorToSchema>[1]>['additionalConverters']>;

function converters(depth: number): Converters {
  const table: Record<string, JsonSchema | ((meta: ValidationMetadata) => JsonSchema)> = {
    [ValidationTypes.NESTED_VALIDATION]: (meta) => {
      const cls = contextOf(meta).nestedClass?.();
      return cls ? classSchema(cls, depth + 1) : {};
    },
    // The library reads a custom constraint's design type; ours carry their fragment instead.
    [ValidationTypes.CUSTOM_VALIDATION]: (meta) => contextOf(meta).jsonSchema ?? {},
    // Bounds only: the library's converters also say `type: number`, which would hide `integer`.
    [MIN]: (meta) => ({ minimum: meta.constraints[0] as number }),
    [MAX]: (meta) => ({ maximum: meta.constraints[0] as number }),
    [IS_POSITIVE]: { minimum: 0, exclusiveMinimum: true },
  };
  return table as Converters;
}

/** The schema of one config class with its nested classes inlined. */
function classSchema(cls: ConfigClass, depth = 0): JsonSchema {
  if (depth > MAX_CLASS_DEPTH) throw new Error(`Config class ${cls.name} nests more than ${MAX_CLASS_DEPTH} levels (does it contain itself?)`);
  const schema = targetConstructorToSchema(cls, { additionalConverters: converters(depth) }) as JsonSchema;
  return { type: 'object', properties: {}, ...schema, additionalProperties: false };
}

/** Sets `default` on every key of `schema` that `defaults` gives a value other than an object. */
function attachDefaults(schema: JsonSchema, defaults: unknown): void {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!isPlainObject(defaults) || !properties) return;
  for (const [key, value] of Object.entries(defaults)) {
    const sub = properties[key];
    if (!sub) continue;
    if (isPlainObject(value) && sub.properties) attachDefaults(sub, value);
    else sub.default = structuredClone(value);
  }
}

/**
 * The JSON Schema of the config of `policy`: a plain, self-contained object (nested classes
 * inline, no `$ref`), with `default` on the keys the policy's `defaults` set. A new object each call.
 */
export function configJsonSchema(policy: { readonly configClass: ConfigClass; readonly defaults: unknown }): JsonSchema {
  applyConfigDecorators();
  const schema = classSchema(policy.configClass);
  attachDefaults(schema, policy.defaults);
  return schema;
}
