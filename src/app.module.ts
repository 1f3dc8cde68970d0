/** The standalone server: configuration from the environment, the scheduler, and liveness. */
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfigModule, type AppConfig } from './config';
import { HealthController } from './health/health.controller';
import { SchedulerModule } from './scheduler';

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
        workerThreads: config.workerThreads,
        queueLimit: config.queueLimit,
        timeLimitMs: config.timeLimitMs,
      }),
    }),
  ],
  controllers: [HealthController],
})
export class AppModule {}
