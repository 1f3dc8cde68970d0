/** The timeline page of the standalone server. */
export * from './timeline.controller';
export * from './timeline-page';
