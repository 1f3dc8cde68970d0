/**
 * The HTTP platform of the standalone server: Fastify, through Nest's adapter, and how it listens.
 * Measured against Nest's Express platform with the same modules, middleware, guard and pipes
 * (`dummy`, 2 cores, wrk): see bench/README.md, "Nest on Fastify".
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorEnvelope } from '../scheduler';

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

/** Status and message for a connection whose bytes are not an HTTP request Node can parse. */
export function clientErrorAnswer(code: string | undefined): { status: number; body: ErrorEnvelope } {
  const [status, message] =
    code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time']
      : code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are larger than the server accepts']
        : [400, 'The request is not valid HTTP/1.1'];
  return { status, body: { status: 'error', message } };
}

/**
 * Answers a connection whose bytes Node's HTTP parser refused (no request exists, so neither Nest
 * nor Fastify's routing sees it): the JSON envelope, then the connection closes, as Node would.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const { status, body } = clientErrorAnswer(err.code);
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/**
 * The adapter: both forms of the schedule URL (with and without the trailing slash) reach the
 * route with no redirect; a URL Fastify's router cannot decode goes to Nest's exception layer (the
 * envelope filter answers it) rather than to Fastify's own JSON.
 */
export function createHttpAdapter(): FastifyAdapter {
  const adapter: FastifyAdapter = new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: NO_SCHEMA_COMPILERS },
    // Called only once requests come, when `adapter` is made.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const fastify = adapter.getInstance();
      return fastify.errorHandler.call(fastify, error, request, reply);
    },
    clientErrorHandler: answerClientError,
  });
  return adapter;
}

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
