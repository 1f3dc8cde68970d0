/**
 * The README's curl examples, posted verbatim: their bodies must keep working and their scripts
 * must compile as Python; its configuration tables must match the defaults the code applies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { SCHEDULER_DEFAULTS } from '../src/scheduler';
import { ENVIRONMENT_VARIABLE_NAMES, SCHEDULER_ENV_OPTIONS, SERVER_DEFAULTS, SERVER_ENV_SETTINGS } from '../src/server/config';
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
  let app: NestFastifyApplication;
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

/** The rows of the Markdown table that follows `heading` (a line of the README): first cell name, second cell default. */
function tableAfter(heading: string): { name: string; default: string }[] {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README has no line "${heading}"`);
  const rows: { name: string; default: string }[] = [];
  const lines = readme.slice(start).split('\n').slice(1);
  let i = lines.findIndex((l) => l.startsWith('|'));
  for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const [name, def] = lines[i].split('|').slice(1).map((c) => c.trim());
    rows.push({ name: name.replace(/`/g, ''), default: def });
  }
  return rows;
}

/** The first code span of a cell (`31` in "`31`"), or the whole cell when it has none ("one per core"). */
function shown(cell: string): string {
  return /`([^`]*)`/.exec(cell)?.[1] ?? cell;
}

/** A default as the options table writes it: a TypeScript literal. */
function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : JSON.stringify(value);
  return String(value);
}

// What the tables say for a default computed on the machine (`defaultWorkerThreads()`, and the cluster's process count).
const ONE_PER_CORE = 'one per core';

describe('README configuration tables (checked against the one home of each default)', () => {
  it('lists every environment variable with the default the code applies', () => {
    const rows = tableAfter('Environment variables, read and checked once at start-up');
    // WEB_CONCURRENCY is read by src/server/cluster.ts only, in the primary process of `start:cluster`.
    expect(rows.map((r) => r.name).sort()).toEqual([...ENVIRONMENT_VARIABLE_NAMES, 'WEB_CONCURRENCY'].sort());
    for (const row of rows) {
      const option = (SCHEDULER_ENV_OPTIONS as Record<string, keyof typeof SCHEDULER_DEFAULTS | 'workerThreads'>)[row.name];
      const setting = (SERVER_ENV_SETTINGS as Record<string, keyof typeof SERVER_DEFAULTS>)[row.name];
      let expected: string;
      if (option === 'workerThreads' || row.name === 'WEB_CONCURRENCY') expected = ONE_PER_CORE;
      else if (option !== undefined) expected = String(SCHEDULER_DEFAULTS[option]);
      else if (setting !== undefined) expected = String(SERVER_DEFAULTS[setting]);
      else throw new Error(`${row.name} sets neither a SchedulerModule option nor a server setting`);
      expect([row.name, shown(row.default)]).toEqual([row.name, expected]);
    }
  });

  it('lists every SchedulerModule option with its default from SCHEDULER_DEFAULTS', () => {
    const rows = tableAfter('Options of `SchedulerModule.forRoot(...)` / `forRootAsync(...)`');
    expect(rows.map((r) => r.name).sort()).toEqual([...Object.keys(SCHEDULER_DEFAULTS), 'workerThreads'].sort());
    for (const row of rows) {
      const expected = row.name === 'workerThreads' ? ONE_PER_CORE : literal(SCHEDULER_DEFAULTS[row.name as keyof typeof SCHEDULER_DEFAULTS]);
      expect([row.name, shown(row.default)]).toEqual([row.name, expected]);
    }
  });
});
