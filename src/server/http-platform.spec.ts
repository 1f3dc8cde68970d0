import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { answerClientError, clientErrorAnswer, listenOnAllInterfaces } from './http-platform';

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

describe('clientErrorAnswer / answerClientError', () => {
  it('names a timeout (408), headers too large (431) and anything else (400), in the envelope', () => {
    expect(clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT')).toEqual({ status: 408, body: { status: 'error', message: 'The request was not received in time' } });
    expect(clientErrorAnswer('HPE_HEADER_OVERFLOW').status).toBe(431);
    for (const code of ['HPE_INVALID_METHOD', 'HPE_INVALID_CONSTANT', undefined]) expect(clientErrorAnswer(code).status).toBe(400);
  });

  const socketLike = (): { socket: Socket; written: () => string } => {
    const s = new PassThrough();
    let text = '';
    s.on('data', (d: Buffer) => (text += d.toString()));
    return { socket: s as unknown as Socket, written: () => text };
  };

  it('writes one complete HTTP answer with its length and closes', async () => {
    const { socket, written } = socketLike();
    answerClientError(Object.assign(new Error('x'), { code: 'HPE_HEADER_OVERFLOW' }), socket);
    await new Promise((r) => setImmediate(r));
    const [head, body] = written().split('\r\n\r\n');
    expect(head).toBe(
      `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close`,
    );
    expect(JSON.parse(body)).toEqual({ status: 'error', message: 'The request headers are larger than the server accepts' });
  });

  it('writes nothing to a connection the client reset or that is gone', () => {
    const reset = socketLike();
    answerClientError(Object.assign(new Error('x'), { code: 'ECONNRESET' }), reset.socket);
    const gone = socketLike();
    gone.socket.destroy();
    answerClientError(Object.assign(new Error('x'), { code: 'HPE_INVALID_METHOD' }), gone.socket);
    expect([reset.written(), gone.written()]).toEqual(['', '']);
  });
});
