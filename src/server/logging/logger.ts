/**
 * The server's one pino logger (JSON lines, or pino-pretty's readable lines) and Nest's logger on
 * top of it (nestjs-pino), so Nest's own messages come out in the same format.
 */
import { Injectable } from '@nestjs/common';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { ServerConfig } from '../config/environment';

let lastMs = NaN;
let lastTime = '';

/**
 * pino's `isoTime` (`,"time":"<ISO>"`), formatted once per millisecond: a busy server writes
 * several records in the same millisecond, and `toISOString` was 1 % of a `dummy` request.
 */
export function isoTimeOncePerMs(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastTime = `,"time":"${new Date(ms).toISOString()}"`;
  }
  return lastTime;
}

/** Bytes of JSON lines gathered before a write: a busy server writes one batch per ~15 records. */
export const LOG_BATCH_BYTES = 4096;

/** The longest a record waits in an unfinished batch before it is written anyway. */
export const LOG_FLUSH_MS = 200;

/**
 * Standard output for JSON lines, written asynchronously in batches (sonic-boom's `minLength`):
 * one write per batch instead of one per request, each handed to a libuv thread instead of
 * blocking the event loop (measured: 360 instead of 400 µs of CPU per `dummy` request). A timer writes a
 * batch that waits longer than `LOG_FLUSH_MS`; pino writes what is left synchronously on the
 * process's `exit`, which `process.exit` emits (the graceful shutdown's end, a crash). A process
 * killed outright (SIGKILL, the kernel's OOM killer) loses at most that batch.
 */
function jsonLinesToStdout(): DestinationStream {
  const out = pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES });
  // flush() throws once the stream is destroyed; `close` comes a little later.
  const timer = setInterval(() => (out as { destroyed?: boolean }).destroyed || out.flush(), LOG_FLUSH_MS);
  timer.unref();
  out.once('close', () => clearInterval(timer));
  return out;
}

/** The root logger: `{"level":"info","time":"<ISO>",...,"msg":...}` per line, no pid or hostname. */
export function createRootLogger(config: Pick<ServerConfig, 'logLevel' | 'logFormat'>, destination?: DestinationStream): Logger {
  const stream =
    destination ??
    (config.logFormat === 'pretty'
      ? // In-process (no transport thread): one readable line per record, fields as JSON after the message.
        // Loaded only when chosen: its ~30 modules would otherwise stay in every server's memory.
        (require('pino-pretty') as typeof import('pino-pretty')).build({ sync: true, singleLine: true, translateTime: 'UTC:yyyy-mm-dd HH:MM:ss.l' })
      : jsonLinesToStdout());
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      timestamp: isoTimeOncePerMs,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

// Nest's start-up chatter (one line per module and route) is only interesting when debugging.
const CHATTY_CONTEXTS: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * nestjs-pino's `PinoLogger` writing to one given logger: nestjs-pino's own reads the logger of
 * the request in progress from an AsyncLocalStorage (which the server no longer binds), else the
 * first logger any `PinoLogger` of the process was given.
 */
class RootPinoLogger extends PinoLogger {
  constructor(private readonly root: Logger) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Logger {
    return this.root;
  }
}

/** Nest's logger (nestjs-pino's), with the start-up chatter at debug and `verbose` at debug. */
@Injectable()
export class AppLogger extends PinoNestLogger {
  /** Nest's logger writing through `root` (the root logger, `ROOT_LOGGER`). */
  static over(root: Logger): AppLogger {
    return new AppLogger(new RootPinoLogger(root), {});
  }

  override log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && CHATTY_CONTEXTS.has(context)) super.debug(message, ...params);
    else super.log(message, ...params);
  }

  override verbose(message: unknown, ...params: unknown[]): void {
    super.debug(message, ...params);
  }
}
