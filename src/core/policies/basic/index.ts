/** The `basic` policy: config, pipeline and the Policy object. */
export * from './config';
export * from './pipeline';
export * from './basic-policy';
export * from './floors';
export * from './plan-blocks';
export * from './scan-checks';
