/**
 * Logs of the standalone server: the root pino logger (`ROOT_LOGGER`, from `serverConfig`), and
 * nestjs-pino over it for Nest's messages (`AppLogger`), bound to the request's logger inside a
 * request. The request log itself is `createRequestLogMiddleware`, installed by `configureApp`
 * before the body parser (pino-http stays installed: nestjs-pino loads it).
 */
import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { serverConfig } from '../config/configuration';
import type { ServerConfig } from '../config/environment';
import { AppLogger, createRootLogger } from './logger';

/** Injection token of the root pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Global()
@Module({
  providers: [{ provide: ROOT_LOGGER, inject: [serverConfig.KEY], useFactory: (config: ServerConfig) => createRootLogger(config) }],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/** Provides `ROOT_LOGGER` and `AppLogger` (give it to `app.useLogger`). */
@Module({
  imports: [
    RootLoggerModule,
    // useExisting: the request-log middleware is ours (it must run before the body parser, which
    // Nest's module middleware cannot); nestjs-pino binds its `req.log` to Nest's logger.
    LoggerModule.forRootAsync({ inject: [ROOT_LOGGER], useFactory: (logger: Logger) => ({ pinoHttp: { logger }, useExisting: true }) }),
  ],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
