/**
 * class-validator looks a class's validation rules up on every `validate` call: it filters the
 * rules of the class and walks every class that has rules (22 here) with `instanceof` to collect
 * inherited ones (measured: 2.5 % of a `dummy` request, four lookups per request). The rules only
 * change when a decorator adds one, so the lookups are kept until the storage changes.
 */
import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Rules = ReturnType<Lookup>;

const cached = new WeakSet<MetadataStorage>();

/**
 * Makes `storage` (class-validator's global one by default) keep the outcome of each
 * `getTargetValidationMetadatas(target, schema, always, strictGroups, groups)` until a rule,
 * constraint or schema is added. Idempotent. The kept arrays are the ones every caller reads
 * (class-validator, Nest's `ValidationPipe`, mapped-types, class-validator-jsonschema): none of
 * them writes to the array it gets.
 */
export function cacheValidationMetadataLookups(storage: MetadataStorage = getMetadataStorage()): void {
  if (cached.has(storage)) return;
  cached.add(storage);
  let kept = new Map<unknown, Map<string, Rules>>();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${String(schema)}\u0000${String(always)}\u0000${String(strictGroups)}\u0000${groups === undefined ? '' : JSON.stringify(groups)}`;
    let ofTarget = kept.get(target);
    if (!ofTarget) kept.set(target, (ofTarget = new Map()));
    let found = ofTarget.get(key);
    if (!found) ofTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  for (const name of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = storage[name].bind(storage) as (arg: never) => void;
    (storage as unknown as Record<string, (arg: never) => void>)[name] = (arg) => {
      kept = new Map();
      add(arg);
    };
  }
}
