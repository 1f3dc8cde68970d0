/**
 * The server's one log writer: JSON lines for machines (production) or readable lines for people
 * (development), filtered by level. Serves as Nest's logger and as the request log's sink.
 */
import type { LoggerService } from '@nestjs/common';
import type { LogFormat, LogLevelName } from '../config/environment';

/** Severity of a record (`silent` is only a threshold). */
export type LogRecordLevel = Exclude<LogLevelName, 'silent'>;

// Nest's start-up chatter (one line per module and route) is only interesting when debugging.
const CHATTY_CONTEXTS: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

const RANK: Readonly<Record<LogLevelName, number>> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** One log record: `msg` plus any JSON-able fields. */
export interface LogFields {
  readonly [key: string]: unknown;
}

/** Options of `AppLogger`. */
export interface AppLoggerOptions {
  /** Least severe level written. @default 'info' */
  readonly level?: LogLevelName;
  /** @default 'json' */
  readonly format?: LogFormat;
  /** Where whole lines (with their newline) go. @default process.stdout */
  readonly sink?: (line: string) => void;
  /** Clock, for tests. @default () => new Date() */
  readonly now?: () => Date;
}

function pretty(fields: LogFields): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/[\s"=]/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
}

/** Writes log records at or above its level as single lines; never throws. */
export class AppLogger implements LoggerService {
  readonly level: LogLevelName;
  readonly format: LogFormat;
  private readonly sink: (line: string) => void;
  private readonly now: () => Date;

  constructor(options: AppLoggerOptions = {}) {
    this.level = options.level ?? 'info';
    this.format = options.format ?? 'json';
    this.sink = options.sink ?? ((line) => void process.stdout.write(line));
    this.now = options.now ?? (() => new Date());
  }

  /** True when records of `level` are written. */
  enabled(level: LogRecordLevel): boolean {
    return RANK[level] <= RANK[this.level];
  }

  /** Writes one record: `{time, level, msg, ...fields}` as JSON, or a readable line. */
  write(level: LogRecordLevel, msg: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return;
    const time = this.now().toISOString();
    let line: string;
    try {
      if (this.format === 'json') {
        line = JSON.stringify({ time, level, msg, ...fields });
      } else {
        const rest = pretty(fields);
        // Newlines of a message would break the one-line-per-record promise; stacks stay in JSON.
        line = `${time} ${level.toUpperCase().padEnd(5)} ${msg.replace(/\r?\n/g, '\\n')}${rest ? ` ${rest}` : ''}`;
      }
    } catch {
      line = JSON.stringify({ time, level, msg: String(msg), note: 'fields could not be serialised' });
    }
    this.sink(`${line}\n`);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.nest('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    // Nest calls error(message, stack?, context?).
    const context = params.length >= 1 && typeof params[params.length - 1] === 'string' ? params.pop() : undefined;
    const stack = typeof params[0] === 'string' ? params[0] : undefined;
    this.write('error', String(message), { context, stack });
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.nest('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.nest('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.nest('debug', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.nest('error', message, params);
  }

  private nest(level: LogRecordLevel, message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    if (level === 'info' && context !== undefined && CHATTY_CONTEXTS.has(context)) level = 'debug';
    this.write(level, typeof message === 'string' ? message : JSON.stringify(message) ?? String(message), { context });
  }
}
