/**
 * The timeline page as served through Nest: the HTML, its script and stylesheet, under the app's
 * Content-Security-Policy (no inline script), from the source tree and from the build (`dist/`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { escapeHtml, fillTemplate, TIMELINE_ASSETS_DIR, TIMELINE_URLS } from '../src/server/timeline';
import { createTestApp } from './helpers/create-app';
import { startServer, type ServerProcess } from './helpers/server-process';

const ASSETS = [
  ['/timeline/assets/timeline.js', 'timeline.js', /^text\/javascript; charset=utf-8$/],
  ['/timeline/assets/timeline.css', 'timeline.css', /^text\/css; charset=utf-8$/],
] as const;

describe('GET /timeline', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('serves the page as HTML under a CSP that allows scripts from the app only', async () => {
    const res = await request(app.getHttpServer()).get('/timeline');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(res.text).toContain('data-testid="scan-count"');
    expect(res.text).toContain(`data-plan-url="${TIMELINE_URLS.planUrl}"`);
    expect(TIMELINE_URLS.planUrl).toBe('/api/v1/schedule/plan');
    expect(res.text).toContain('href="/docs"');
  });

  it('has no inline script, no placeholder left, and nothing from another origin', async () => {
    const html = (await request(app.getHttpServer()).get('/timeline')).text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).toContain('src="/timeline/assets/timeline.js"');
    expect(scripts[0][2].trim()).toBe('');
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers either
    expect(html).not.toContain('{{');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it.each(ASSETS)('serves %s with its type', async (path, file, type) => {
    const res = await request(app.getHttpServer()).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toBe(readFileSync(join(TIMELINE_ASSETS_DIR, file), 'utf8'));
  });

  it('answers an unknown asset with a 404, not a file of the server', async () => {
    for (const path of ['/timeline/assets/../timeline.controller.ts', '/timeline/assets/timeline.html', '/timeline/assets/x.js']) {
      const res = await request(app.getHttpServer()).get(path);
      expect(res.status).toBe(404);
    }
  });

  it('the script writes server values as text: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const js = readFileSync(join(TIMELINE_ASSETS_DIR, 'timeline.js'), 'utf8');
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('stays out of the OpenAPI document, which links it from its description', async () => {
    const doc = (await request(app.getHttpServer()).get('/docs-json')).body as { paths: Record<string, unknown>; info: { description: string } };
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/timeline'))).toBe(false);
    expect(doc.info.description).toContain('/timeline');
  });
});

describe('timeline page helpers', () => {
  it('escapes what it fills into the HTML', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(fillTemplate('<b data-x="{{v}}">', { v: '"><script>' })).toBe('<b data-x="&quot;&gt;&lt;script&gt;">');
    expect(() => fillTemplate('{{missing}}', {})).toThrow(/no value for \{\{missing\}\}/);
  });
});

describe('the built server (dist/) serves the page and its assets', () => {
  jest.setTimeout(30_000);
  let server: ServerProcess;
  beforeAll(async () => {
    // The helper waits for the `listening` record: keep the default log level (info).
    server = await startServer('dist', { SCHEDULER_WORKER_THREADS: '0' });
  });
  afterAll(async () => {
    if (!server) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('from dist/server/timeline/assets', async () => {
    const page = await fetch(`${server.baseUrl}/timeline`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/timeline/assets/timeline.js" defer></script>');
    for (const [path, file] of ASSETS) {
      const res = await fetch(`${server.baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(readFileSync(join(TIMELINE_ASSETS_DIR, file), 'utf8'));
    }
  });
});
