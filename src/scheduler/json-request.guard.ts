/**
 * `@JsonRequest()`: a route that takes a JSON body answers 415 for another media type and 413 when
 * `Content-Length` says more than the module's body limit, before the pipes read the body. A route
 * guard: it runs after the app's global and the controller's guards (a host's authorization still
 * decides first), and unlike an interceptor it costs no Observable per request (measured: an
 * interceptor here cost 0.13 ms of CPU per request, a third of a `dummy` answer).
 */
import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  UseGuards,
} from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { IncomingHttpHeaders } from 'node:http';
import { JSON_MEDIA_TYPE } from './envelope';
import { SCHEDULER_SETTINGS } from './scheduler.constants';
import type { SchedulerSettings } from './scheduler-options.interface';

/** Throws 415 unless the media type is `application/json` (parameters such as charset allowed). */
export function checkJsonContentType(contentType: string | undefined): void {
  const media = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
  if (media !== JSON_MEDIA_TYPE) {
    throw new UnsupportedMediaTypeException(
      `Content-Type must be ${JSON_MEDIA_TYPE} (got ${media ? JSON.stringify(media) : 'none'})`,
    );
  }
}

/** Checks the media type and the declared length of a request before its body is read; never refuses otherwise. */
@Injectable()
export class JsonRequestGuard implements CanActivate {
  constructor(@Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings) {}

  /** True, or throws 415 / 413 (an exception, not `false`: `false` would be a 403). */
  canActivate(context: ExecutionContext): true {
    const { headers } = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>();
    checkJsonContentType(headers['content-type']);
    // A host app's body parser may allow more than our limit; the declared length is enough to refuse.
    const length = headers['content-length'];
    if (length !== undefined && Number(length) > this.settings.bodyLimitBytes) throw new PayloadTooLargeException();
    return true;
  }
}

/** Marks a route as taking a JSON body (415 otherwise, 413 over the module's limit). */
export function JsonRequest(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(JsonRequestGuard), ApiConsumes(JSON_MEDIA_TYPE));
}
