/**
 * Everything around the routes that production and the e2e tests share: the request log, security
 * headers, CORS, the JSON body parser with its limit and error envelopes, the global envelope
 * filter, the OpenAPI docs, and the fast lane of the schedule route.
 */
import type { Server } from 'node:http';
import { Logger, type NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { InFlightRequests } from './lifecycle/graceful-shutdown';
import { AppLogger } from './logging/app-logger';
import { createRequestLoggingMiddleware, requestNoteMiddleware } from './logging/request-logging.middleware';
import { APP_CONFIG, type AppConfig } from './config';
import { installScheduleFastLane, type ScheduleFastLane } from './fast-lane/schedule-fast-lane';
import {
  EnvelopeExceptionFilter,
  errorToEnvelope,
  logUnexpectedError,
  PolicyRegistry,
  SCHEDULE_ROUTE_PATH,
  ScheduleService,
  SCHEDULER_SETTINGS,
  type SchedulerSettings,
} from '../scheduler';

/** Options for `NestFactory.create`: `configureApp` installs the body parser itself. */
export const NEST_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Path of the interactive docs (`/docs`); the JSON document is at `/docs-json`. */
export const DOCS_PATH = 'docs';

/** Builds the OpenAPI document, with the registered policy names in the description. */
export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const names = app.get(PolicyRegistry).all();
  const list = [...names.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, p]) => `- \`${name}\`: ${p.description}`)
    .join('\n');
  const config = new DocumentBuilder()
    .setTitle('Telescope schedule server')
    .setDescription(
      'POST a time window and a policy, get a runnable Python script for the telescope.\n\n' +
        `Supported policies:\n\n${list}\n\n` +
        'Every error answers `{"status": "error", "message": ...}` with the status code documented below.',
    )
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Security headers. Helmet's defaults, except: no `upgrade-insecure-requests` (the server is
 * reached over plain HTTP on loopback and inside clusters, where upgrading would break `/docs`),
 * and resources may be read cross-origin, like the API itself (CORS is open).
 */
export const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      // Swagger UI: its scripts and stylesheet come from /docs, it styles inline and draws data: images.
      'upgrade-insecure-requests': null,
      'img-src': ["'self'", 'data:'],
    },
  },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/** `Access-Control-Allow-Origin` of every answer: the API may be called from any page. */
export const CORS_ORIGIN = '*';

/**
 * The headers helmet sets with `HELMET_OPTIONS` (they do not depend on the request), read once by
 * running it against a recording response. The fast lane sets these itself.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  let done = false;
  helmet(HELMET_OPTIONS)({} as never, recorder as never, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: the fast lane cannot know its headers');
  return headers;
}

const FAST_LANES = new WeakMap<object, ScheduleFastLane>();

/** The fast lane `configureApp` put in front of `app`, if any (for tests and diagnosis). */
export function fastLaneOf(app: NestExpressApplication): ScheduleFastLane | undefined {
  return FAST_LANES.get(app);
}

function optional<T>(app: NestExpressApplication, token: unknown): T | undefined {
  try {
    return app.get<T>(token as never, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Configures `app` (created with `NEST_APP_OPTIONS`) as production runs it. Call before
 * `listen`/`init`: middleware and the docs routes must come before Nest's 404 handler.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const settings = app.get<SchedulerSettings>(SCHEDULER_SETTINGS);
  // First, so that every answer (including body parser errors) is timed, logged and carries its id.
  const logger = optional<AppLogger>(app, AppLogger);
  if (logger) app.use(createRequestLoggingMiddleware(logger));
  const inFlight = optional<InFlightRequests>(app, InFlightRequests);
  if (inFlight) app.use(inFlight.middleware);
  app.use(helmet(HELMET_OPTIONS));
  app.disable('x-powered-by');
  // Responses are small and never cached by clients; hashing each one for an ETag is wasted time.
  app.set('etag', false);
  app.enableCors({ origin: CORS_ORIGIN });
  // strict: false lets a JSON scalar through, so the service can say the body must be an object.
  app.useBodyParser('json', { limit: settings.bodyLimitBytes, strict: false });
  // Body parser errors (bad JSON, too large, bad charset) answered with the envelope right here.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const { httpStatus, body } = errorToEnvelope(err, settings.bodyLimit);
    res.status(httpStatus).json(body);
  });
  app.use(requestNoteMiddleware);
  app.useGlobalFilters(app.get(EnvelopeExceptionFilter));
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(DOCS_PATH, app, () => (document ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
  const routePath = optional<string>(app, SCHEDULE_ROUTE_PATH);
  if ((optional<AppConfig>(app, APP_CONFIG)?.fastLane ?? true) && routePath !== undefined) {
    const errorLog = new Logger('Scheduler');
    const service = app.get(ScheduleService);
    const lane = installScheduleFastLane(app.getHttpServer() as Server, {
      routePath,
      bodyLimitBytes: settings.bodyLimitBytes,
      bodyLimit: settings.bodyLimit,
      generate: (body, note) => service.generate(body, note),
      headers: { ...securityHeaders(), 'Access-Control-Allow-Origin': CORS_ORIGIN },
      logger,
      inFlight,
      onUnexpected: (error) => logUnexpectedError(errorLog, error),
    });
    FAST_LANES.set(app, lane);
  }
  return app;
}
