/** The independent Sun and mount check of finished schedules. */
export * from './report';
export * from './checker';
export * from './moves';
export { checkerSun } from './sun';
export * from './floors';
