/**
 * The standalone server's request bodies, on Fastify: `application/json` only, read up to the
 * module's body limit, decompressed when `Content-Encoding` says gzip, deflate or br (the limit then
 * applies to the decompressed body too), decoded as UTF-8 and parsed with `JSON.parse` (a JSON
 * scalar is let through, so that the service can say the body must be an object; an empty body is
 * `{}`, so that it can say which field is missing). Every other media type is left unread: the
 * route's `@JsonRequest()` guard answers 415 with the envelope.
 *
 * Every failure is a Nest `HttpException` (or Fastify's own error for a body over the limit), so
 * Nest's exception layer and the envelope filter answer it like any other error of the request.
 */
import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type InputType, type ZlibOptions, type BrotliOptions } from 'node:zlib';
import { INVALID_JSON_MESSAGE, JSON_MEDIA_TYPE, UNDECODABLE_BODY_MESSAGE } from '../scheduler';
import { noteParsedBody } from './logging/request-log';

type Decoder = (buf: InputType, options: ZlibOptions & BrotliOptions) => Promise<Buffer>;

/** The Content-Encodings a body may have, and how each is undone (`null`: as it is). */
const DECODERS: Readonly<Record<string, Decoder | null>> = {
  identity: null,
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The charset parameter of a Content-Type, lower-cased, or `undefined` when there is none. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  for (const part of contentType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

/** Throws 415 unless the body's charset is UTF-8 (or not given). */
export function checkUtf8(contentType: string | undefined): void {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeException(`The request body must be ${JSON_MEDIA_TYPE} in UTF-8 (got charset ${JSON.stringify(charset)})`);
  }
}

/** The body as JSON: `{}` when empty, otherwise `JSON.parse` of its UTF-8 text (400 when it is not JSON). */
export function parseJsonBody(bytes: Buffer): unknown {
  // A UTF-8 byte order mark is not part of the JSON text.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestException(INVALID_JSON_MESSAGE);
  }
}

/** Undoes `encoding` on `raw`, with the decompressed body bounded by `limitBytes` (413 over it, 415 for an unknown encoding, 400 for bytes that do not decode). */
export async function decodeBody(raw: Buffer, encoding: string | undefined, limitBytes: number): Promise<Buffer> {
  const name = (encoding ?? 'identity').trim().toLowerCase() || 'identity';
  if (!Object.hasOwn(DECODERS, name)) {
    throw new UnsupportedMediaTypeException(`Content-Encoding ${JSON.stringify(name)} is not supported; send the JSON body uncompressed, gzip, deflate or br`);
  }
  const decoder = DECODERS[name];
  if (decoder === null) return raw;
  try {
    return await decoder(raw, { maxOutputLength: limitBytes });
  } catch (err) {
    // zlib stops at maxOutputLength with a RangeError: the decompressed body is over the limit.
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new PayloadTooLargeException();
    throw new BadRequestException(UNDECODABLE_BODY_MESSAGE);
  }
}

/**
 * Replaces `fastify`'s body parsers with the server's: JSON up to `limitBytes` (compressed and
 * decompressed), any other media type left unread. The parsed body is also noted on the raw request
 * for the request log.
 */
export function installJsonBodyParser(fastify: FastifyInstance, limitBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit: limitBytes }, async (request: FastifyRequest, raw: Buffer) => {
    checkUtf8(request.headers['content-type']);
    const body = parseJsonBody(await decodeBody(raw, request.headers['content-encoding'], limitBytes));
    noteParsedBody(request.raw, body);
    return body;
  });
  // Any other media type (or none): not read; the route's guard answers 415.
  fastify.addContentTypeParser('*', (_request: FastifyRequest, _payload: IncomingMessage, done: (err: Error | null, body?: unknown) => void) => {
    done(null, undefined);
  });
}
