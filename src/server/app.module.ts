/** The standalone server: configuration from the environment, the scheduler, health, logs and shutdown. */
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfigModule, type AppConfig } from './config';
import { HealthController } from './health/health.controller';
import { InFlightRequests, ShutdownState } from './lifecycle';
import { AppLogger } from './logging';
import { TimelineController } from './timeline';
import { SchedulerModule } from '../scheduler';

/** Root module of `main.ts` (host apps import `SchedulerModule` instead). */
@Module({
  imports: [
    AppConfigModule,
    SchedulerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        maxWindowDays: config.maxWindowDays,
        bodyLimit: config.bodyLimit,
        dataDir: config.dataDir,
        maxConfigDepth: config.maxConfigDepth,
        maxConfigValues: config.maxConfigValues,
        maxCalibrationTargets: config.maxCalibrationTargets,
        workerThreads: config.workerThreads,
        queueLimit: config.queueLimit,
        timeLimitMs: config.timeLimitMs,
        sunFloorDeg: config.sunFloorDeg,
        mountElLimits: config.mountElLimits,
      }),
    }),
  ],
  controllers: [HealthController, TimelineController],
  providers: [
    ShutdownState,
    InFlightRequests,
    {
      provide: AppLogger,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new AppLogger({ level: config.logLevel, format: config.logFormat }),
    },
  ],
})
export class AppModule {}
