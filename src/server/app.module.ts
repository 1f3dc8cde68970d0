/** The standalone server: configuration from the environment, the scheduler, health, logs and shutdown. */
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { schedulerConfig, serverConfig } from './config';
import { HealthController } from './health/health.controller';
import { InFlightRequests, ShutdownState, StartupState } from './lifecycle';
import { LoggingModule } from './logging';
import { TimelineController } from './timeline';
import { SchedulerModule } from '../scheduler';

/** Root module of `main.ts` (host apps import `SchedulerModule` instead). */
@Module({
  imports: [
    // No .env file: the process environment is the configuration (containers, systemd units).
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [serverConfig] }),
    LoggingModule,
    SchedulerModule.forRootAsync(schedulerConfig.asProvider()),
  ],
  controllers: [HealthController, TimelineController],
  providers: [ShutdownState, StartupState, InFlightRequests],
})
export class AppModule {}
