import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyHeapGrowing,
  flagGiven,
  HEAP_GROWING_FLAG,
  HEAP_GROWING_PERCENT,
  missingStartSettings,
  SERVER_ENV,
  SERVER_NODE_FLAGS,
  startCommand,
} from './memory-settings';

const ROOT = join(__dirname, '..', '..', '..');

describe('the memory settings the server is started with', () => {
  it('are the nursery cap and two malloc arenas', () => {
    expect(SERVER_NODE_FLAGS).toEqual(['--max-semi-space-size=1']);
    expect(SERVER_ENV).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(startCommand('dist/server/main.js')).toBe('MALLOC_ARENA_MAX=2 node --max-semi-space-size=1 dist/server/main.js');
  });

  it('are how every start script of package.json starts the server', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(startCommand('dist/server/main.js'));
    expect(scripts['start:prod']).toBe(startCommand('dist/server/main.js'));
    expect(scripts['start:dev']).toBe(`npm run build && ${startCommand('dist/server/main.js')}`);
    expect(scripts['start:cluster']).toBe(startCommand('dist/server/cluster.js'));
  });

  it('are how the Docker image starts it', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd && (JSON.parse(cmd) as string[])).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/server/main.js']);
    for (const [name, value] of Object.entries(SERVER_ENV)) expect(dockerfile).toMatch(new RegExp(`^\\s*${name}=${value}\\s*$`, 'm'));
  });
});

describe('flagGiven', () => {
  it('finds a flag on the command line or in NODE_OPTIONS, with any value, in either spelling', () => {
    expect(flagGiven('--max-semi-space-size', ['--max-semi-space-size=4'], undefined)).toBe(true);
    expect(flagGiven('--max-semi-space-size=1', ['--max_semi_space_size=8'], undefined)).toBe(true);
    expect(flagGiven('--max-semi-space-size', [], '--inspect  --max-semi-space-size=2')).toBe(true);
  });

  it('does not take another flag, a prefix of the name, or a value for the flag', () => {
    expect(flagGiven('--max-semi-space-size', [], undefined)).toBe(false);
    expect(flagGiven('--max-semi-space-size', ['--max-semi-space-size-x=1', '--max-old-space-size=100'], '')).toBe(false);
    expect(flagGiven('--max-semi-space', ['--max-semi-space-size=1'], undefined)).toBe(false);
    expect(flagGiven('--max-semi-space-size', ['-r', 'max-semi-space-size'], 'max-semi-space-size=1')).toBe(false);
  });
});

describe('applyHeapGrowing', () => {
  it('sets the old generation growth when the operator did not', () => {
    const set = jest.fn();
    expect(applyHeapGrowing([], undefined, set)).toBe(true);
    expect(set).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledWith(`${HEAP_GROWING_FLAG}=${HEAP_GROWING_PERCENT}`);
    expect(HEAP_GROWING_PERCENT).toBe(50);
  });

  it("leaves the operator's own value alone, on the command line or in NODE_OPTIONS", () => {
    const set = jest.fn();
    expect(applyHeapGrowing(['--heap-growing-percent=20'], undefined, set)).toBe(false);
    expect(applyHeapGrowing([], '--heap_growing_percent=80', set)).toBe(false);
    expect(set).not.toHaveBeenCalled();
  });
});

describe('missingStartSettings', () => {
  it('is empty for a process started as start:prod starts it, or with the flag in NODE_OPTIONS', () => {
    expect(missingStartSettings(['--max-semi-space-size=1'], { MALLOC_ARENA_MAX: '2' })).toEqual([]);
    expect(missingStartSettings([], { MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=1' })).toEqual([]);
  });

  it("counts an operator's own values as given", () => {
    expect(missingStartSettings(['--max-semi-space-size=4'], { MALLOC_ARENA_MAX: '8' })).toEqual([]);
  });

  it('names each setting a plain `node dist/server/main.js` lacks', () => {
    expect(missingStartSettings([], {})).toEqual(['node flag --max-semi-space-size=1', 'environment MALLOC_ARENA_MAX=2']);
    expect(missingStartSettings(['--max-semi-space-size=1'], {})).toEqual(['environment MALLOC_ARENA_MAX=2']);
    expect(missingStartSettings([], { MALLOC_ARENA_MAX: '2' })).toEqual(['node flag --max-semi-space-size=1']);
  });
});
