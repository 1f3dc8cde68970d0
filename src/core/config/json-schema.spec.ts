import { CrossCheck, NestedField, NestedListField, NumberField, OptionalField, RangeField, StringField } from './decorators';
import { configJsonSchema } from './json-schema';

class Leaf {
  @NumberField({ integer: true, min: 1, max: 5, description: 'How many.' })
  readonly count!: number;

  @OptionalField()
  @RangeField({ min: 0, max: 10 })
  readonly span?: readonly [number, number];
}

class Root {
  @StringField({ minLength: 1, maxLength: 8, pattern: /^[a-z]+$/, patternText: 'letters' })
  readonly name!: string;

  @NestedField(() => Leaf, { description: 'One leaf.' })
  readonly leaf!: Leaf;

  @OptionalField()
  @NestedListField(() => Leaf, { maxItems: 3 })
  readonly leaves?: readonly Leaf[];

  @CrossCheck('weightBelowTen', (w: number) => (w < 10 ? undefined : { why: 'must be below 10' }))
  @NumberField({ positive: true })
  readonly weight!: number;
}

describe('configJsonSchema', () => {
  const schema = configJsonSchema({ configClass: Root, defaults: { name: 'abc', leaf: { count: 2 }, weight: 1.5 } });

  it('inlines nested classes, closes every object and lists the required keys', () => {
    expect(schema).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['name', 'leaf', 'weight'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 8, pattern: '^[a-z]+$', default: 'abc' },
        leaf: {
          type: 'object',
          additionalProperties: false,
          description: 'One leaf.',
          required: ['count'],
          properties: {
            count: { type: 'integer', minimum: 1, maximum: 5, description: 'How many.', default: 2 },
            span: { type: 'array', items: { type: 'number', minimum: 0, maximum: 10 }, minItems: 2, maxItems: 2 },
          },
        },
        leaves: {
          type: 'array',
          maxItems: 3,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['count'],
            properties: {
              count: { type: 'integer', minimum: 1, maximum: 5, description: 'How many.' },
              span: { type: 'array', items: { type: 'number', minimum: 0, maximum: 10 }, minItems: 2, maxItems: 2 },
            },
          },
        },
        // OpenAPI 3.0: exclusiveMinimum is a flag beside minimum; the check across keys adds nothing.
        weight: { type: 'number', minimum: 0, exclusiveMinimum: true, default: 1.5 },
      },
    });
  });

  it('gives a new object each call, never sharing the defaults', () => {
    const defaults = { name: 'abc', leaf: { count: 2 }, weight: 1, leaves: [{ count: 1 }] };
    const a = configJsonSchema({ configClass: Root, defaults });
    const b = configJsonSchema({ configClass: Root, defaults });
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    const leaves = (a.properties as Record<string, { default: unknown }>).leaves;
    expect(leaves.default).toEqual(defaults.leaves);
    expect(leaves.default).not.toBe(defaults.leaves);
  });
});
