/** Starts the standalone server on `PORT` (8010 by default), with logs and graceful shutdown. */
// First: before Nest's modules load (see lifecycle/young-generation.ts).
import './lifecycle/hold-young-generation';
// Second: loads @nestjs/common without building its logger's date formatter (ICU's data, 8 MB).
import './lifecycle/defer-nest-clock';
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { loadEnvironment, serverConfig, type ServerConfig } from './config';
import { configureApp, NEST_APP_OPTIONS } from './configure-app';
import { createHttpAdapter, listenOnAllInterfaces } from './http-platform';
import { SCHEDULE_EXECUTOR, SCHEDULER_SETTINGS, type ScheduleExecutor, type SchedulerSettings } from '../scheduler';
import {
  InFlightRequests,
  installGracefulShutdown,
  installProcessErrorHandlers,
  scheduleWarmUpBody,
  ShutdownState,
  StartupState,
  warmUpHttp,
  warmUpSchedules,
} from './lifecycle';
import { settleYoungGeneration } from './lifecycle/young-generation';
import { AppLogger, ROOT_LOGGER } from './logging';

async function bootstrap(): Promise<void> {
  // Checked here first, so that a bad environment stops the server with one plain line.
  loadEnvironment(process.env);
  // Nest's messages wait for the app's own logger, so that every line has the same format.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), { ...NEST_APP_OPTIONS, bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  const logger = app.get<Logger>(ROOT_LOGGER);
  installProcessErrorHandlers(logger);
  configureApp(app);
  const config = app.get<ServerConfig>(serverConfig.KEY);
  installGracefulShutdown(app, app.get(InFlightRequests), { graceMs: config.shutdownGraceMs, logger });
  // Readiness says no until the request path is warm (lifecycle/http-warm-up.ts).
  const startup = app.get(StartupState);
  startup.beginWarmUp();
  await listenOnAllInterfaces(app, config.port);
  logger.info({ port: config.port, pid: process.pid }, 'listening');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  // Compiles the request path before the first client request (the workers warm up meanwhile).
  await warmUpHttp(port, logger);
  // Then the schedule path, once the workers are ready (unless warm-ups are turned off).
  const settings = app.get<SchedulerSettings>(SCHEDULER_SETTINGS);
  if (settings.warmup) {
    const executor = app.get<ScheduleExecutor>(SCHEDULE_EXECUTOR);
    const shutdown = app.get(ShutdownState);
    const report = await warmUpSchedules({
      port,
      body: scheduleWarmUpBody(settings.dataDir),
      executorReady: () => executor.stats?.().ready ?? true,
      stopped: () => shutdown.draining,
    });
    if (report.stoppedBecause === undefined) logger.info(report, 'HTTP warm-up done');
    else logger.warn(report, 'HTTP warm-up stopped early');
  }
  startup.endWarmUp();
  // Start-up is over: the nursery is bounded (on Node 20 and 22, at its start-up size) or left to V8 (later ones).
  settleYoungGeneration();
}

bootstrap().catch((err: unknown) => {
  // A bad environment or a duplicate policy name: say it plainly and stop.
  console.error(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
