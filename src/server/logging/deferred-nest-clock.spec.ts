import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { childModuleDir } from '../../testing/child-module';
import { DeferredDateTimeFormat } from './deferred-nest-clock';

// A fresh Node process (the jest process has loaded Nest long ago): loads @nestjs/common either
// through `loadNestWithDeferredClock` or plainly, and reports what the load cost in the pages of the
// Node binary (and of a shared ICU library, where Node uses one) and the timestamp Nest's console
// logger prints at a fixed time.
const CHILD = `
const { readFileSync, realpathSync } = require('node:fs');
const binary = realpathSync(process.execPath);
function residentMb() {
  let counted = false, kb = 0;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) { counted = line.endsWith(binary) || line.includes('libicu'); continue; }
    if (counted && line.startsWith('Rss:')) kb += Number(line.split(/\\s+/)[1]);
  }
  return kb / 1024;
}
const RealDateTimeFormat = Intl.DateTimeFormat;
const deferred = process.argv[2] === 'deferred';
const before = residentMb();
const out = {};
if (deferred) {
  const { loadNestWithDeferredClock } = require('./deferred-nest-clock.js');
  try { out.loaded = loadNestWithDeferredClock(); } catch (err) { out.error = err.message; }
  out.loadedAgain = out.error === undefined ? loadNestWithDeferredClock() : undefined;
} else {
  require('@nestjs/common');
}
out.grewMb = residentMb() - before;
out.restored = Intl.DateTimeFormat === RealDateTimeFormat;
const made = globalThis.madeWhileLoading;
if (made !== undefined) {
  out.madeWhileLoading = { built: made.built, same: made.format(0) === new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' }).format(0) };
}
if (out.error === undefined) {
  const { ConsoleLogger } = require('@nestjs/common');
  const now = Date.now;
  Date.now = () => 1700000000000;
  out.stamp = new ConsoleLogger().getTimestamp();
  Date.now = now;
}
process.stdout.write(JSON.stringify(out));
`;

interface ChildReport {
  loaded?: boolean;
  loadedAgain?: boolean;
  error?: string;
  grewMb: number;
  restored: boolean;
  stamp?: string;
  madeWhileLoading?: { built: boolean; same: boolean };
}

let dir: string;
const nodeModules = resolve(__dirname, '..', '..', '..', 'node_modules');

beforeAll(() => {
  dir = childModuleDir('nest-clock-', join(__dirname, 'deferred-nest-clock.ts'), CHILD);
  // A stand-in for Nest that makes a formatter while it loads, then fails.
  mkdirSync(join(dir, 'broken', '@nestjs', 'common'), { recursive: true });
  writeFileSync(
    join(dir, 'broken', '@nestjs', 'common', 'index.js'),
    "globalThis.madeWhileLoading = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' });\nthrow new Error('broken on purpose');\n",
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(mode: 'deferred' | 'plain', modules = nodeModules): ChildReport {
  const env = { PATH: process.env.PATH ?? '', NODE_PATH: modules, TZ: 'UTC', LANG: 'en_US.UTF-8' };
  return JSON.parse(execFileSync(process.execPath, [join(dir, 'child.js'), mode], { cwd: dir, env, encoding: 'utf8' })) as ChildReport;
}

describe('loading Nest with its clock deferred', () => {
  it('spares the ICU data a date formatter reads, prints the same timestamps, and leaves the real Intl.DateTimeFormat in place', () => {
    const deferred = runChild('deferred');
    const plain = runChild('plain');
    expect(deferred.loaded).toBe(true);
    expect(deferred.loadedAgain).toBe(false);
    expect(deferred.restored).toBe(true);
    expect(deferred.stamp).toBe(plain.stamp);
    expect(deferred.stamp).toMatch(/2023/);
    // Measured: the binary grows 5.6 MB deferred against 11.6 MB plainly (Node 20, Debian).
    expect(plain.grewMb - deferred.grewMb).toBeGreaterThan(4);
  });

  it('puts the real Intl.DateTimeFormat back when the load fails, and formatters made meanwhile still format', () => {
    const broken = runChild('deferred', join(dir, 'broken'));
    expect(broken.error).toBe('broken on purpose');
    expect(broken.restored).toBe(true);
    expect(broken.madeWhileLoading).toEqual({ built: false, same: true });
  });
});

describe('DeferredDateTimeFormat', () => {
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: 'numeric', second: 'numeric' };
  const t = Date.UTC(2023, 2, 1, 12, 34, 56);

  it('builds nothing until it is asked to format', () => {
    const f = new DeferredDateTimeFormat('en-US', options);
    expect(f.built).toBe(false);
    f.format(t);
    expect(f.built).toBe(true);
  });

  it('answers as the formatter it stands for', () => {
    const real = new Intl.DateTimeFormat('en-US', options);
    const f = new DeferredDateTimeFormat('en-US', options);
    expect(f.format(t)).toBe(real.format(t));
    expect(f.format(new Date(t))).toBe('03/01/2023, 12:34:56 PM');
    expect(f.formatToParts(t)).toEqual(real.formatToParts(t));
    expect(f.formatRange(t, t + 3_600_000)).toBe(real.formatRange(t, t + 3_600_000));
    expect(f.formatRangeToParts(t, t + 60_000)).toEqual(real.formatRangeToParts(t, t + 60_000));
    expect(f.resolvedOptions()).toEqual(real.resolvedOptions());
    expect(new DeferredDateTimeFormat(['de-DE'], { timeZone: 'UTC' }).format(t)).toBe('1.3.2023');
    expect(DeferredDateTimeFormat.supportedLocalesOf(['en-US', 'de-DE'])).toEqual(Intl.DateTimeFormat.supportedLocalesOf(['en-US', 'de-DE']));
  });
});
