import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { listenOnAllInterfaces } from './configure-app';

/** An app whose `listen` fails with `codes` in turn (`undefined`: succeeds), recording each host. */
function appFailingWith(...codes: (string | undefined)[]): { app: NestFastifyApplication; hosts: string[] } {
  const hosts: string[] = [];
  const listen = async (_port: number, host: string): Promise<void> => {
    hosts.push(host);
    const code = codes.shift();
    if (code !== undefined) throw Object.assign(new Error(code), { code });
  };
  return { app: { listen } as unknown as NestFastifyApplication, hosts };
}

describe('listenOnAllInterfaces', () => {
  it('listens on :: (IPv6 and IPv4) where it can', async () => {
    const { app, hosts } = appFailingWith(undefined);
    await listenOnAllInterfaces(app, 8010);
    expect(hosts).toEqual(['::']);
  });

  it.each(['EAFNOSUPPORT', 'EADDRNOTAVAIL'])('falls back to 0.0.0.0 on a host without IPv6 (%s)', async (code) => {
    const { app, hosts } = appFailingWith(code, undefined);
    await listenOnAllInterfaces(app, 8010);
    expect(hosts).toEqual(['::', '0.0.0.0']);
  });

  it('passes any other failure on (a port in use stops the server)', async () => {
    const { app, hosts } = appFailingWith('EADDRINUSE');
    await expect(listenOnAllInterfaces(app, 8010)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(hosts).toEqual(['::']);
  });
});
