import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingStartSettings, SERVER_ENV, startCommand } from './memory-settings';

const ROOT = join(__dirname, '..', '..', '..');

describe('the memory settings the server is started with', () => {
  it('are two malloc arenas', () => {
    expect(SERVER_ENV).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(startCommand('dist/server/main.js')).toBe('MALLOC_ARENA_MAX=2 node dist/server/main.js');
  });

  it('are how every start script of package.json starts the server', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(startCommand('dist/server/main.js'));
    expect(scripts['start:prod']).toBe(startCommand('dist/server/main.js'));
    expect(scripts['start:dev']).toBe(`npm run build && ${startCommand('dist/server/main.js')}`);
    expect(scripts['start:cluster']).toBe(startCommand('dist/server/cluster.js'));
  });

  it('are in the Docker image, which starts the server with no other flags', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd && (JSON.parse(cmd) as string[])).toEqual(['node', 'dist/server/main.js']);
    for (const [name, value] of Object.entries(SERVER_ENV)) expect(dockerfile).toMatch(new RegExp(`^\\s*${name}=${value}\\s*$`, 'm'));
  });
});

describe('missingStartSettings', () => {
  it('is empty for a process started as start:prod starts it', () => {
    expect(missingStartSettings({ MALLOC_ARENA_MAX: '2' })).toEqual([]);
  });

  it("counts an operator's own value as set", () => {
    expect(missingStartSettings({ MALLOC_ARENA_MAX: '8' })).toEqual([]);
  });

  it('names each setting a plain `node dist/server/main.js` lacks', () => {
    expect(missingStartSettings({})).toEqual(['environment MALLOC_ARENA_MAX=2']);
    expect(missingStartSettings({ MALLOC_ARENA: '2' })).toEqual(['environment MALLOC_ARENA_MAX=2']);
  });
});
