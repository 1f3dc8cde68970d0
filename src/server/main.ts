/** Starts the standalone server on `PORT` (8010 by default), with logs and graceful shutdown. */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { APP_CONFIG, type AppConfig, loadAppConfig } from './config';
import { configureApp, NEST_APP_OPTIONS } from './configure-app';
import { InFlightRequests, installGracefulShutdown, warmUpHttp } from './lifecycle';
import { AppLogger } from './logging';

async function bootstrap(): Promise<void> {
  // Read once here too, so that a bad environment stops the server before anything is logged.
  const env = loadAppConfig(process.env);
  const early = new AppLogger({ level: env.logLevel, format: env.logFormat });
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { ...NEST_APP_OPTIONS, logger: early });
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  process.on('unhandledRejection', (reason: unknown) => {
    logger.write('error', 'unhandled promise rejection', { error: reason instanceof Error ? reason.message : String(reason) });
  });
  process.on('uncaughtException', (err: Error) => {
    // The process state is unknown after this: log it and let the supervisor restart us.
    logger.write('error', 'uncaught exception: exiting', { error: err.message, stack: err.stack });
    process.exit(1);
  });
  configureApp(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  installGracefulShutdown(app, app.get(InFlightRequests), { graceMs: config.shutdownGraceMs, logger });
  await app.listen(config.port);
  logger.write('info', 'listening', { port: config.port, pid: process.pid });
  // Compiles the request path before the first client request (the workers warm up meanwhile).
  await warmUpHttp((app.getHttpServer().address() as AddressInfo).port, logger);
}

bootstrap().catch((err: unknown) => {
  // A bad environment or a duplicate policy name: say it plainly and stop.
  console.error(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
