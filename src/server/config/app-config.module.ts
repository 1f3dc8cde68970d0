/** Provides the checked `AppConfig` (from `process.env`) to the whole app under `APP_CONFIG`. */
import { Global, Module } from '@nestjs/common';
import { loadAppConfig } from './environment';

/** Injection token of the `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads the environment once, when the app is created. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadAppConfig(process.env) }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
