/**
 * What the plan route answers when the schedule fails its independent safety check: the same 500
 * and message as the schedule route (logged as a bug), never the script or its blocks, plus the
 * checker's report as `sunCheck`, so an operator sees which scans broke which criterion.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { UnsafeScheduleError } from '../../core/errors';
import { errorToEnvelope, type ErrorEnvelope } from '../envelope';
import { logUnexpectedError } from '../envelope.filter';
import { SCHEDULER_SETTINGS } from '../scheduler.constants';
import type { SchedulerSettings } from '../scheduler-options.interface';
import { sunCheckOfReport, type SunCheck } from './plan-envelope';

/** The plan route's answer to an unsafe schedule. */
export interface UnsafePlanEnvelope extends ErrorEnvelope {
  readonly sunCheck: SunCheck;
}

/** Bound on the plan route only: the schedule route keeps its two-key error envelope. */
@Catch(UnsafeScheduleError)
@Injectable()
export class UnsafePlanFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  catch(exception: UnsafeScheduleError, host: ArgumentsHost): void {
    const { httpStatus, body } = errorToEnvelope(exception, this.settings.bodyLimit);
    logUnexpectedError(this.logger, exception);
    const answer: UnsafePlanEnvelope = { ...body, sunCheck: sunCheckOfReport(exception.report) };
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), answer, httpStatus);
  }
}
