import { BadRequestException, HttpException, HttpStatus, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import Fastify from 'fastify';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { charsetOf, checkUtf8, decodeBody, installJsonBodyParser, parseJsonBody } from './json-body';
import { INVALID_JSON_MESSAGE, UNDECODABLE_BODY_MESSAGE } from '../scheduler';

describe('charsetOf / checkUtf8', () => {
  it('reads the charset parameter, quoted or not, in any case', () => {
    expect(charsetOf(undefined)).toBeUndefined();
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;CHARSET="latin1"')).toBe('latin1');
    expect(charsetOf('application/json; q=1; charset = utf8 ')).toBe('utf8');
    expect(charsetOf('application/json; charsetx=utf-16')).toBeUndefined();
  });

  it('lets UTF-8 (or no charset) through and answers 415 naming any other', () => {
    for (const ct of [undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF8']) {
      expect(() => checkUtf8(ct)).not.toThrow();
    }
    expect(() => checkUtf8('application/json; charset=latin1')).toThrow(
      new UnsupportedMediaTypeException('The request body must be application/json in UTF-8 (got charset "latin1")'),
    );
  });
});

describe('parseJsonBody', () => {
  it('parses objects and scalars, treats an empty body as {} and drops a byte order mark', () => {
    expect(parseJsonBody(Buffer.from('{"t0": "é"}'))).toEqual({ t0: 'é' });
    expect(parseJsonBody(Buffer.from('"dummy"'))).toBe('dummy');
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
    expect(parseJsonBody(Buffer.from('\uFEFF{"a": 1}'))).toEqual({ a: 1 });
  });

  it('keeps __proto__ as an own key, as JSON.parse does', () => {
    const body = parseJsonBody(Buffer.from('{"__proto__": {"x": 1}}')) as object;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.hasOwn(body, '__proto__')).toBe(true);
  });

  it('answers 400 with the JSON example for anything else', () => {
    for (const text of ['{bad', 'undefined', '{"a": 1', ' ']) {
      expect(() => parseJsonBody(Buffer.from(text))).toThrow(new BadRequestException(INVALID_JSON_MESSAGE));
    }
  });
});

describe('decodeBody', () => {
  const json = Buffer.from(JSON.stringify({ t0: '2026-11-29 21:05', padding: 'x'.repeat(1000) }));

  it.each([
    [undefined, (b: Buffer) => b],
    ['identity', (b: Buffer) => b],
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['GZIP ', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('undoes Content-Encoding %s', async (encoding, encode) => {
    expect((await decodeBody(encode(json), encoding, 4096)).equals(json)).toBe(true);
  });

  it('answers 415 naming an encoding it does not know', async () => {
    await expect(decodeBody(json, 'compress', 4096)).rejects.toThrow(
      new UnsupportedMediaTypeException('Content-Encoding "compress" is not supported; send the JSON body uncompressed, gzip, deflate or br'),
    );
    // Not a key of Object.prototype either.
    await expect(decodeBody(json, 'constructor', 4096)).rejects.toBeInstanceOf(UnsupportedMediaTypeException);
  });

  it('answers 400 for a body that is not what its encoding says', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      await expect(decodeBody(json.subarray(0, 20), encoding, 4096)).rejects.toThrow(new BadRequestException(UNDECODABLE_BODY_MESSAGE));
    }
  });

  it('answers 413 when the decompressed body is over the limit, however small the compressed one', async () => {
    const bomb = gzipSync(Buffer.alloc(1 << 20, 0x20));
    expect(bomb.length).toBeLessThan(4096);
    await expect(decodeBody(bomb, 'gzip', 4096)).rejects.toBeInstanceOf(PayloadTooLargeException);
    await expect(decodeBody(brotliCompressSync(Buffer.alloc(1 << 20, 0x20)), 'br', 4096)).rejects.toBeInstanceOf(PayloadTooLargeException);
    // At the limit exactly: read.
    expect((await decodeBody(gzipSync(Buffer.alloc(4096, 0x20)), 'gzip', 4096)).length).toBe(4096);
  });
});

describe('installJsonBodyParser on Fastify', () => {
  const app = Fastify();
  const limit = 256;
  installJsonBodyParser(app, limit);
  app.post('/', async (request) => ({ body: request.body === undefined ? 'unread' : request.body }));
  app.setErrorHandler(async (err: Error & { statusCode?: number }, _request, reply) => {
    const status = err instanceof HttpException ? err.getStatus() : (err.statusCode ?? 500);
    return reply.status(status).send({ status, message: err.message });
  });
  afterAll(() => app.close());

  const post = (payload: string | Buffer, headers: Record<string, string>) => app.inject({ method: 'POST', url: '/', payload, headers });

  it('parses JSON, compressed or not, and leaves other media types unread', async () => {
    expect((await post('{"a": 1}', { 'content-type': 'application/json' })).json()).toEqual({ body: { a: 1 } });
    expect((await post(gzipSync('{"a": 2}'), { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' })).json()).toEqual({
      body: { a: 2 },
    });
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      expect((await post('{"a": 1}', { 'content-type': ct })).json()).toEqual({ body: 'unread' });
    }
  });

  it('passes its errors to the error handler with their status', async () => {
    expect((await post('{bad', { 'content-type': 'application/json' })).statusCode).toBe(HttpStatus.BAD_REQUEST);
    expect((await post('{}', { 'content-type': 'application/json; charset=utf-16' })).statusCode).toBe(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    expect((await post('{}', { 'content-type': 'application/json', 'content-encoding': 'zstd' })).statusCode).toBe(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    // Over the limit as sent (Fastify's own check) and once decompressed (ours).
    expect((await post(`{"p": "${'x'.repeat(300)}"}`, { 'content-type': 'application/json' })).statusCode).toBe(HttpStatus.PAYLOAD_TOO_LARGE);
    const big = gzipSync(`{"p": "${'x'.repeat(300)}"}`);
    expect(big.length).toBeLessThan(limit);
    expect((await post(big, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).statusCode).toBe(HttpStatus.PAYLOAD_TOO_LARGE);
  });
});
