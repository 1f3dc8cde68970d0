/**
 * The server's configuration namespaces for `@nestjs/config`, both read from `process.env` when
 * the app is created: `serverConfig` (port, shutdown, logs) and `schedulerConfig`, which feeds
 * `SchedulerModule.forRootAsync(schedulerConfig.asProvider())`.
 */
import { registerAs } from '@nestjs/config';
import { schedulerOptionsFrom, serverConfigFrom } from './environment';

/** The standalone server's settings (`ServerConfig`), under the token `serverConfig.KEY`. */
export const serverConfig = registerAs('server', () => serverConfigFrom(process.env));

/** The `SchedulerModule` options the environment sets, under the token `schedulerConfig.KEY`. */
export const schedulerConfig = registerAs('scheduler', () => schedulerOptionsFrom(process.env));

