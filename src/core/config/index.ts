/** Config merging, config classes (decorators), their validation and their JSON Schema. */
export * from './merge';
export * from './decorators';
export * from './validate';
export * from './json-schema';
