/**
 * Turns every error of the schedule endpoint into the JSON error envelope. Bound on the
 * controller so host apps get it too; `configureApp` also installs it globally.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Injectable, Logger, type LoggerService } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type ErrorEnvelope, errorToEnvelope, MethodNotAllowedError } from './envelope';
import { requestFacts } from './request-facts';
import { SCHEDULER_SETTINGS } from './scheduler.constants';
import type { SchedulerSettings } from './scheduler-options.interface';

/**
 * Logs a bug (an error that became a 500) with its stack; the client sees none of it. With the
 * host's `requestId` (see `RequestFacts`) the line is one object carrying it, the error and the message.
 */
export function logUnexpectedError(logger: Pick<LoggerService, 'error'>, exception: unknown, requestId?: string): void {
  const message = exception instanceof Error ? `${exception.name}: ${exception.message}` : `Non-error thrown: ${String(exception)}`;
  if (requestId === undefined) logger.error(message, exception instanceof Error ? exception.stack : undefined);
  else logger.error({ requestId, err: exception instanceof Error ? exception : undefined, msg: message });
}

/** Answers `{status: "error", message}` with the status `errorToEnvelope` decides; logs bugs; notes the message for the request log. */
@Catch()
@Injectable()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpStatus, body, unexpected } = errorToEnvelope(exception, this.settings.bodyLimit);
    const http = host.switchToHttp();
    const facts = requestFacts(http.getRequest<object>());
    if (unexpected) logUnexpectedError(this.logger, exception, facts.requestId);
    else facts.errorMessage = body.message;
    const res: unknown = http.getResponse();
    if (exception instanceof MethodNotAllowedError) {
      this.adapterHost.httpAdapter.setHeader(res, 'Allow', exception.allow.join(', '));
    }
    this.adapterHost.httpAdapter.reply(res, this.answer(exception, body), httpStatus);
  }

  /** The body sent for `exception`: the envelope itself here; a route's own filter may add to it. */
  protected answer(_exception: unknown, envelope: ErrorEnvelope): object {
    return envelope;
  }
}
