/**
 * Builds the production app for an e2e spec file: `AppModule` with a given `AppConfig`, set up by
 * the same `configureApp` as `main.ts`. Build it once per file (`beforeAll`) and close it after.
 */
import type { Type } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/server/app.module';
import { schedulerConfig, schedulerOptionsFrom, serverConfig, serverConfigFrom } from '../../src/server/config';
import { configureApp, NEST_APP_OPTIONS } from '../../src/server/configure-app';
import { createHttpAdapter } from '../../src/server/http-platform';

/** Options of `createTestApp`. */
export interface TestAppOptions {
  /** Environment variables of the app (`PORT` etc.); the process's own are ignored. `LOG_LEVEL` defaults to `silent`. */
  readonly env?: Record<string, string>;
  /** Providers to replace, e.g. the executor. */
  readonly overrides?: readonly { provide: string | symbol | Type<unknown>; useValue: unknown }[];
}

/** The production app with the configuration `env` gives, configured and initialised, not listening (supertest binds a port). */
export async function createTestApp(options: TestAppOptions = {}): Promise<NestFastifyApplication> {
  // Schedules run on the main thread unless a spec asks for workers (test/worker-pool.e2e-spec.ts):
  // each worker under ts-jest compiles the core with ts-node, seconds per spec file.
  const env = { LOG_LEVEL: 'silent', SCHEDULER_WORKER_THREADS: '0', ...options.env };
  let builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(serverConfig.KEY)
    .useValue(serverConfigFrom(env))
    .overrideProvider(schedulerConfig.KEY)
    .useValue(schedulerOptionsFrom(env));
  for (const o of options.overrides ?? []) builder = builder.overrideProvider(o.provide).useValue(o.useValue);
  return startTestApp(await builder.compile());
}

/** The app of `moduleRef` on the production platform, configured as `main.ts` does, initialised and ready for supertest. */
export async function startTestApp(moduleRef: TestingModule): Promise<NestFastifyApplication> {
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { ...NEST_APP_OPTIONS, logger: false });
  configureApp(app);
  await app.init();
  // Fastify routes requests once its plugins are loaded.
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
