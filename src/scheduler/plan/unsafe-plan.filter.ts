/**
 * What the plan route answers when the schedule fails its independent safety check: the same 500
 * and message as the schedule route (logged as a bug), never the script or its blocks, plus the
 * checker's report as `sunCheck`, so an operator sees which scans broke which criterion.
 */
import { Catch, Injectable } from '@nestjs/common';
import { UnsafeScheduleError } from '../../core/errors';
import type { ErrorEnvelope } from '../envelope';
import { EnvelopeExceptionFilter } from '../envelope.filter';
import { sunCheckOfReport, type SunCheck } from './plan-envelope';

/** The plan route's answer to an unsafe schedule. */
export interface UnsafePlanEnvelope extends ErrorEnvelope {
  readonly sunCheck: SunCheck;
}

/** Bound on the plan route only: the schedule route keeps its two-key error envelope. */
@Catch(UnsafeScheduleError)
@Injectable()
export class UnsafePlanFilter extends EnvelopeExceptionFilter {
  protected override answer(exception: UnsafeScheduleError, envelope: ErrorEnvelope): UnsafePlanEnvelope {
    return { ...envelope, sunCheck: sunCheckOfReport(exception.report) };
  }
}
