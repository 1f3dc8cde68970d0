/**
 * What the server does with an error nobody caught: an unhandled rejection is logged; an uncaught
 * exception is logged as fatal and the process exits 1, as its state is unknown (the supervisor
 * restarts it). The logs are written asynchronously; pino writes what is still buffered when the
 * process emits `exit`, so these lines and every request record before them reach the output.
 */
import type { Logger } from 'pino';

/** Installs the two handlers on `process`; `exit` ends the process (tests replace it). */
export function installProcessErrorHandlers(
  logger: Pick<Logger, 'error' | 'fatal'>,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err: Error) => {
    logger.fatal({ err }, 'uncaught exception: exiting');
    exit(1);
  });
}
