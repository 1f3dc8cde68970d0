/**
 * Logs of the standalone server: the root pino logger (`ROOT_LOGGER`, from `serverConfig`), and
 * nestjs-pino's Nest logger over it for Nest's messages (`AppLogger`). The request log itself is
 * `createRequestLogMiddleware`, installed by `configureApp` before the body parser. nestjs-pino's
 * module (its middleware binds each request's logger in an AsyncLocalStorage) is not imported: the
 * request id reaches the one Nest line written about a request, a 500's, through `requestFacts`.
 */
import { Global, Module } from '@nestjs/common';
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
  imports: [RootLoggerModule],
  providers: [{ provide: AppLogger, inject: [ROOT_LOGGER], useFactory: (logger: Logger) => AppLogger.over(logger) }],
  exports: [AppLogger],
})
export class LoggingModule {}
