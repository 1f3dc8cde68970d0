/**
 * The `ValidationPipe` of the schedule request: bounds the raw body (`prepareScheduleBody`), then
 * class-transformer builds `GenerateScheduleRequestDto` and class-validator checks it. Every
 * client mistake becomes a 400 whose body is the error envelope with the first message.
 */
import { type ArgumentMetadata, Inject, Injectable, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { cacheValidationMetadataLookups } from '../../core/config/metadata-cache';
import { ScheduleInputError } from '../../core/errors';
import { GenerateScheduleRequestDto } from '../dto/generate-schedule.request.dto';
import { envelopeBadRequest } from '../envelope';
import { SCHEDULER_SETTINGS } from '../scheduler.constants';
import type { SchedulerSettings } from '../scheduler-options.interface';
import { prepareScheduleBody } from './prepare-request-body';
import { firstValidationMessage } from './validation-message';

/** `exceptionFactory` of the pipe: the envelope with the first validation message. */
export function scheduleValidationException(errors: ValidationError[]): ReturnType<typeof envelopeBadRequest> {
  return envelopeBadRequest(firstValidationMessage(errors) ?? 'The request is not valid');
}

/** Validates the raw body of a schedule request into a `GenerateScheduleRequestDto`. */
@Injectable()
export class ScheduleRequestPipe extends ValidationPipe {
  constructor(@Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings) {
    super({
      expectedType: GenerateScheduleRequestDto,
      transform: true,
      // Keys the DTO does not declare are dropped, never an error: clients may send more than we read.
      whitelist: true,
      // The body arrives through a custom parameter decorator (`@ScheduleRequestBody()`).
      validateCustomDecorators: true,
      exceptionFactory: scheduleValidationException,
    });
    // Each request looks its classes' rules up four times; they change only when classes are defined.
    cacheValidationMetadataLookups();
  }

  /** The validated request; rejects with a 400 envelope naming the first problem. */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<GenerateScheduleRequestDto> {
    let body: unknown;
    try {
      body = prepareScheduleBody(value, {
        maxDepth: this.settings.maxConfigDepth,
        maxValues: this.settings.maxConfigValues,
        maxTargets: this.settings.maxCalibrationTargets,
      });
    } catch (err) {
      if (err instanceof ScheduleInputError) throw envelopeBadRequest(err.message);
      throw err;
    }
    return (await super.transform(body, metadata)) as GenerateScheduleRequestDto;
  }
}
