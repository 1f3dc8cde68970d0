/** Starts the standalone server on `PORT` (8010 by default). */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { APP_CONFIG, type AppConfig } from './config';
import { configureApp, NEST_APP_OPTIONS } from './configure-app';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, NEST_APP_OPTIONS);
  configureApp(app);
  app.enableShutdownHooks();
  const { port } = app.get<AppConfig>(APP_CONFIG);
  await app.listen(port);
  Logger.log(`Schedule server listening on port ${port}`, 'Bootstrap');
}

bootstrap().catch((err: unknown) => {
  // A bad environment or a duplicate policy name: say it plainly and stop.
  console.error(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
