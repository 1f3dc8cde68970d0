/**
 * Everything around the routes that production and the e2e tests share: the HTTP platform (Fastify,
 * through Nest's adapter), the request log, security headers, CORS, the JSON body parser with its
 * limit, the global envelope filter and the OpenAPI docs.
 */
import { type NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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

/**
 * The HTTP platform: Fastify, through Nest's adapter. Both forms of the schedule URL (with and
 * without the trailing slash) reach the route, with no redirect. Measured against Nest's Express
 * platform with the same modules, middleware and pipes (`dummy`, 2 cores, wrk): see bench/README.md.
 */
export function createHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true }, schemaController: { compilersFactory: NO_SCHEMA_COMPILERS } });
}

/**
 * Fastify's compilers of route schemas (Ajv, fast-json-stringify), which it would load at start-up:
 * no route here has a Fastify schema (requests are validated by the DTOs' class-validator
 * decorators, answers are `JSON.stringify`'d), so they are never built. A route that declared one
 * would fail at start-up with this message rather than go unvalidated.
 */
const NO_SCHEMA_COMPILERS = {
  buildValidator: (): never => {
    throw new Error('Fastify route schemas are not used here: validate with DTOs and class-validator');
  },
  buildSerializer: (): never => {
    throw new Error('Fastify response schemas are not used here: answers are serialised with JSON.stringify');
  },
};

/**
 * Listens on `port` on every interface, IPv6 and IPv4 (`::`, as Node's own `listen(port)` does),
 * or IPv4 alone where the host has no IPv6. Fastify's default host would be `localhost` only.
 */
export async function listenOnAllInterfaces(app: NestFastifyApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw e;
    await app.listen(port, '0.0.0.0');
  }
}

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
 * Configures `app` (created with `createHttpAdapter()` and `NEST_APP_OPTIONS`) as production runs
 * it. Call before `listen`/`init`.
 */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  const settings = app.get<SchedulerSettings>(SCHEDULER_SETTINGS);
  // First, so that every answer (including body parser errors) is timed, logged and carries its id.
  const logger = optional<Logger>(app, ROOT_LOGGER);
  if (logger) app.use(createRequestLogMiddleware(logger, warmUpRequestId()));
  const inFlight = optional<InFlightRequests>(app, InFlightRequests);
  if (inFlight) app.use(inFlight.middleware);
  app.use(helmet(HELMET_OPTIONS));
  app.enableCors({ origin: CORS_ORIGIN });
  // Its errors (bad JSON, too large, bad charset or encoding) reach Nest's exception layer and the envelope filter.
  installJsonBodyParser(app.getHttpAdapter().getInstance(), settings.bodyLimitBytes);
  app.useGlobalFilters(app.get(EnvelopeExceptionFilter));
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(DOCS_PATH, app, () => (document ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
  return app;
}
