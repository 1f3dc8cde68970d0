/**
 * Everything around the routes that production and the e2e tests share (on the platform of
 * `http-platform.ts`): the request log, security headers, CORS, the JSON body parser with its limit,
 * the global envelope filter and the OpenAPI docs.
 */
import { type NestApplicationOptions } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { InFlightRequests } from './lifecycle/graceful-shutdown';
import { warmUpRequestId } from './lifecycle/warm-up-id';
import { createRequestLogMiddleware, ROOT_LOGGER } from './logging';
import { TIMELINE_EXAMPLE_QUERY, TIMELINE_PATH } from './timeline/timeline-page';
import { installJsonBodyParser } from './json-body';
import { addPolicySchemas, EnvelopeExceptionFilter, PolicyRegistry, SCHEDULER_SETTINGS, type SchedulerSettings } from '../scheduler';

/** Options for `NestFactory.create`: `configureApp` installs the body parser itself. */
export const NEST_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Path of the interactive docs (`/docs`); the JSON document is at `/docs-json`. */
export const DOCS_PATH = 'docs';

/** Builds the OpenAPI document: the registered policies in the description and their config schemas in the components. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
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
        `See a plan drawn: [/${TIMELINE_PATH}](/${TIMELINE_PATH}?${TIMELINE_EXAMPLE_QUERY}) shows the blocks of \`POST /api/v1/schedule/plan\` on a timeline, with the Sun and Moon, the Sun check and the script.\n\n` +
        'Every error answers `{"status": "error", "message": ...}` with the status code documented below.',
    )
    .setVersion('1')
    .build();
  return addPolicySchemas(SwaggerModule.createDocument(app, config), app);
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

function optional<T>(app: NestFastifyApplication, token: unknown): T | undefined {
  try {
    return app.get<T>(token as never, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Configures `app` (created with `createHttpAdapter()` of `http-platform.ts` and
 * `NEST_APP_OPTIONS`) as production runs it. Call before `listen`/`init`.
 */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  const settings = app.get<SchedulerSettings>(SCHEDULER_SETTINGS);
  // First, so that every answer (including body parser errors) is timed, logged and carries its id.
  const logger = optional<Logger>(app, ROOT_LOGGER);
  if (logger) app.use(createRequestLogMiddleware(logger, warmUpRequestId()));
  const inFlight = optional<InFlightRequests>(app, InFlightRequests);
  if (inFlight) app.use(inFlight.middleware);
  app.use(helmet(HELMET_OPTIONS));
  // An OPTIONS request that is not a preflight (no Origin) gets 204, as it did on Express's cors.
  app.enableCors({ origin: CORS_ORIGIN, strictPreflight: false });
  // Its errors (bad JSON, too large, bad charset or encoding) reach Nest's exception layer and the envelope filter.
  installJsonBodyParser(app.getHttpAdapter().getInstance(), settings.bodyLimitBytes);
  app.useGlobalFilters(app.get(EnvelopeExceptionFilter));
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(DOCS_PATH, app, () => (document ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
  return app;
}
