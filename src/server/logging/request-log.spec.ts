import { policyNameOf, requestLogLevel } from './request-log';
import { requestIdFor } from './request-id';

describe('requestIdFor', () => {
  it('keeps a sane incoming id', () => {
    for (const id of ['abc-123', '4bf92f3577b34da6a3ce929d0e0e4736', 'a.b_c:d', 'dGVzdA==']) expect(requestIdFor(id)).toBe(id);
  });

  it('replaces a missing, repeated, too long or unsafe id with a UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'x'.repeat(129), 'a b', 'a\nb', '"quoted"', 'é', ['a', 'b']]) {
      expect(requestIdFor(bad)).toMatch(uuid);
    }
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});

describe('policyNameOf', () => {
  it('reads each policy form', () => {
    expect(policyNameOf({ policy: 'dummy' })).toBe('dummy');
    expect(policyNameOf({ policy: ' {"policy": "basic", "config": {}}' })).toBe('basic');
    expect(policyNameOf({ policy: { policy: 'basic' } })).toBe('basic');
  });

  it('gives nothing for bodies it cannot read, and cuts long names', () => {
    for (const body of [null, 'x', [1], {}, { policy: 3 }, { policy: '{not json' }, { policy: { policy: 7 } }]) {
      expect(policyNameOf(body)).toBeUndefined();
    }
    expect(policyNameOf({ policy: 'p'.repeat(100) })).toBe(`${'p'.repeat(64)}...`);
    // Any other string is echoed as sent (cut), which is what an operator needs to see.
    expect(policyNameOf({ policy: '[1]' })).toBe('[1]');
  });
});

describe('requestLogLevel', () => {
  it('logs probes at debug whatever their status, other 5xx at error, the rest at info', () => {
    expect(requestLogLevel('/health', 200)).toBe('debug');
    expect(requestLogLevel('/health/ready', 503)).toBe('debug');
    expect(requestLogLevel('/api/v1/schedule/', 503)).toBe('error');
    expect(requestLogLevel('/api/v1/schedule/', 500)).toBe('error');
    expect(requestLogLevel('/api/v1/schedule/', 400)).toBe('info');
    expect(requestLogLevel('/api/v1/schedule/', undefined)).toBe('info'); // the client went away first
  });

  it("logs the server's own warm-up requests at debug, only with the exact warm-up id, and their 5xx at error", () => {
    const id = 'server-warm-up-0123456789abcdef';
    expect(requestLogLevel('/api/v1/schedule/', 200, id, id)).toBe('debug');
    expect(requestLogLevel('/api/v1/schedule/', 400, id, id)).toBe('debug');
    expect(requestLogLevel('/api/v1/schedule/', 503, id, id)).toBe('error');
    expect(requestLogLevel('/api/v1/schedule/', 200, 'server-warm-up-0123456789abcdee', id)).toBe('info');
    expect(requestLogLevel('/api/v1/schedule/', 200, 'server-warm-up', id)).toBe('info');
    expect(requestLogLevel('/api/v1/schedule/', 200, id, undefined)).toBe('info');
    expect(requestLogLevel('/api/v1/schedule/', 200, undefined, undefined)).toBe('info');
  });
});
