/**
 * The README's curl examples, posted verbatim: their bodies must keep working and their scripts
 * must compile as Python.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from './helpers/create-app';
import { pythonCompileError } from './helpers/python';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** Every `curl` of the README: URL path, headers and the `-d '...'` body. */
function curlExamples(): { path: string; contentType: string; body: string }[] {
  const out: { path: string; contentType: string; body: string }[] = [];
  for (const m of readme.matchAll(/curl -s -X POST http:\/\/localhost:8010(\S+) \\\n\s+-H '([^']+)' \\\n\s+-d '([^']+)'/g)) {
    out.push({ path: m[1], contentType: m[2].replace(/^Content-Type:\s*/i, ''), body: m[3] });
  }
  return out;
}

describe('README examples', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('has the marked client example first', () => {
    const examples = curlExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(readme).toContain('<!-- readme-curl-example');
    expect(examples[0].body).toBe('{"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05", "policy": "{\\"policy\\": \\"dummy\\", \\"config\\": {}}"}');
  });

  it('answers each curl example with a script that compiles as Python', async () => {
    for (const ex of curlExamples()) {
      const res = await request(app.getHttpServer()).post(ex.path).set('Content-Type', ex.contentType).send(ex.body);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.message).toBe('Success');
      const err = pythonCompileError(res.body.commands);
      if (err !== 'skipped') expect(err).toBeUndefined();
    }
  });
});
