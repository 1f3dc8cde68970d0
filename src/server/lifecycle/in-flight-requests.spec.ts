import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { InFlightRequests } from './graceful-shutdown';
import { ShutdownState } from './shutdown-state';

/** Just enough of an express Response: headers, headersSent and the close event. */
function fakeResponse(): Response & { headers: Record<string, string> } {
  const res = new EventEmitter() as EventEmitter & { headers: Record<string, string>; headersSent: boolean; setHeader(k: string, v: string): void };
  res.headers = {};
  res.headersSent = false;
  res.setHeader = (k, v) => {
    res.headers[k] = v;
  };
  return res as unknown as Response & { headers: Record<string, string> };
}

describe('InFlightRequests', () => {
  const next: NextFunction = jest.fn();

  it('counts requests until their response closes', () => {
    const inFlight = new InFlightRequests(new ShutdownState());
    const a = fakeResponse();
    const b = fakeResponse();
    inFlight.middleware({} as Request, a, next);
    inFlight.middleware({} as Request, b, next);
    expect(inFlight.size).toBe(2);
    a.emit('close');
    expect(inFlight.size).toBe(1);
    b.emit('close');
    expect(inFlight.size).toBe(0);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('asks for Connection: close on answers in flight and on requests arriving while draining', () => {
    const state = new ShutdownState();
    const inFlight = new InFlightRequests(state);
    const before = fakeResponse();
    const sent = fakeResponse();
    inFlight.middleware({} as Request, before, next);
    inFlight.middleware({} as Request, sent, next);
    (sent as unknown as { headersSent: boolean }).headersSent = true;
    expect(before.headers.Connection).toBeUndefined();
    state.beginDraining();
    expect(state.draining).toBe(true);
    inFlight.closeConnectionsAfterAnswer();
    expect(before.headers.Connection).toBe('close');
    expect(sent.headers.Connection).toBeUndefined();
    const after = fakeResponse();
    inFlight.middleware({} as Request, after, next);
    expect(after.headers.Connection).toBe('close');
  });
});
