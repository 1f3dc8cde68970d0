import { getMetadataStorage, IsInt, IsString, Min, validateSync } from 'class-validator';
import { cacheValidationMetadataLookups } from './metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

const names = (rules: readonly { propertyName: string }[]): string[] => [...new Set(rules.map((m) => m.propertyName))].sort();
const problems = (v: object): [string, string[]][] => validateSync(v).map((e) => [e.property, Object.keys(e.constraints ?? {})]);

describe('cacheValidationMetadataLookups (class-validator global storage)', () => {
  const storage = getMetadataStorage();
  const bad = Object.assign(new Derived(), { name: 3, count: 0 });
  const good = Object.assign(new Derived(), { name: 'x', count: 2 });
  const uncached = { derived: storage.getTargetValidationMetadatas(Derived, '', false, false), bad: problems(bad), good: problems(good) };

  beforeAll(() => {
    cacheValidationMetadataLookups();
    cacheValidationMetadataLookups(storage); // idempotent
  });

  it('answers each lookup as before, with the same array each time', () => {
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(first).toEqual(uncached.derived);
    expect(names(first)).toEqual(['count', 'name']);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toBe(first);
    // Other arguments are other lookups.
    expect(names(storage.getTargetValidationMetadatas(Base, '', false, false))).toEqual(['name']);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false, ['g'])).not.toBe(first);
  });

  it('leaves validation results unchanged', () => {
    expect(problems(bad)).toEqual(uncached.bad);
    expect(problems(good)).toEqual(uncached.good);
    expect(uncached.bad.map(([p]) => p).sort()).toEqual(['count', 'name']);
  });

  it('sees a rule added later (a class decorated after the lookups were kept)', () => {
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    IsString()(Base.prototype, 'extra');
    const after = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(after).not.toBe(first);
    expect(names(after)).toEqual(['count', 'extra', 'name']);
    expect(problems(Object.assign(new Derived(), { name: 'x', count: 2, extra: 5 }))).toEqual([['extra', ['isString']]]);
  });
});
