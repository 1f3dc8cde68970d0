/**
 * Graceful shutdown of the standalone server. On SIGTERM/SIGINT: fail readiness, stop accepting
 * connections, let requests in flight finish (up to the grace period, then cut the rest), run
 * Nest's shutdown hooks (`app.close()`, whose `onApplicationShutdown` closes the executor), and
 * exit 0. A second signal exits at once.
 *
 * Beyond Nest's own `enableShutdownHooks()`: readiness fails first, keep-alive clients are told
 * to close, and requests that outlive the grace period are cut.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, type INestApplication, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { SCHEDULE_EXECUTOR, type ScheduleExecutor } from '../../scheduler';
import { ShutdownState } from './shutdown-state';

/** Options of `installGracefulShutdown`. */
export interface GracefulShutdownOptions {
  /** Milliseconds requests in flight get to finish before their connections are cut. */
  readonly graceMs: number;
  /** Where the shutdown's steps are logged (the root logger). */
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Signals to handle. @default ['SIGTERM', 'SIGINT'] */
  readonly signals?: readonly NodeJS.Signals[];
  /** Ends the process (tests replace it). @default process.exit */
  readonly exit?: (code: number) => void;
}

/** Counts requests in flight and, while draining, asks clients to close their connection. */
@Injectable()
export class InFlightRequests {
  private readonly active = new Set<ServerResponse>();

  constructor(@Optional() private readonly state?: ShutdownState) {}

  /** Requests started and not yet answered or aborted. */
  get size(): number {
    return this.active.size;
  }

  /** True once a shutdown has begun. */
  get draining(): boolean {
    return this.state?.draining ?? false;
  }

  /** Counts `res` until it closes (answered or aborted). */
  track(res: ServerResponse): void {
    this.active.add(res);
    res.once('close', () => this.active.delete(res));
    // A keep-alive connection would otherwise outlive the server's close.
    if (this.state?.draining) res.setHeader('Connection', 'close');
  }

  /** The middleware doing the counting (Node's request and response, as Nest's `app.use` gives them). */
  readonly middleware = (_req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    this.track(res);
    next();
  };

  /** Makes every answer not yet sent close its connection (called when draining starts). */
  closeConnectionsAfterAnswer(): void {
    for (const res of this.active) if (!res.headersSent) res.setHeader('Connection', 'close');
  }
}

function optional<T>(app: INestApplication, token: unknown): T | undefined {
  try {
    return app.get<T>(token as never, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Handles the shutdown signals for `app` (which must be listening when a signal comes). Returns
 * `shutdown(reason)`, the same sequence the signals run, for callers that stop the server themselves.
 */
export function installGracefulShutdown(
  app: INestApplication,
  inFlight: InFlightRequests,
  options: GracefulShutdownOptions,
): (reason: string) => Promise<void> {
  const { graceMs, logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let started: Promise<void> | undefined;

  const shutdown = (reason: string): Promise<void> => {
    if (started) return started;
    started = (async () => {
      const t0 = Date.now();
      optional<ShutdownState>(app, ShutdownState)?.beginDraining();
      const server = app.getHttpServer() as Server;
      logger.info({ reason, inFlight: inFlight.size, graceMs }, 'shutdown started');
      inFlight.closeConnectionsAfterAnswer();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections close now; busy ones when their answer is sent.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const outcome = await Promise.race([closed.then(() => 'drained' as const), graceOver]);
      clearInterval(sweep);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        logger.warn({ inFlight: inFlight.size, graceMs }, 'shutdown grace period over: closing the remaining connections');
        server.closeAllConnections();
      }
      await app.close();
      logger.info({ reason, durationMs: Date.now() - t0, drained: outcome === 'drained' }, 'shutdown complete');
    })();
    return started;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn({ signal }, 'second shutdown signal: exiting at once');
      exit(1);
      return;
    }
    shutdown(signal).then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  return shutdown;
}
