/** The plan as data: blocks by kind, their summary, and the Sun and Moon tracks over the window. */
export * from './plan-block';
export * from './summary';
export * from './tracks';
