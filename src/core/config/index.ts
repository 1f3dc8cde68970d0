/** Config merging, limits, config classes (decorators), their validation, resolution and JSON Schema. */
export * from './merge';
export * from './limits';
export * from './decorators';
export * from './validate';
export * from './json-schema';
export * from './resolve';
