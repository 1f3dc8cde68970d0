/** The server's configuration from the environment. */
export * from './environment';
export * from './configuration';
