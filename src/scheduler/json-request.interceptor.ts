/**
 * `@JsonRequest()`: a route that takes a JSON body answers 415 for another media type and 413 when
 * `Content-Length` says more than the module's body limit. An interceptor, so it runs after the
 * guards (a host's guard still decides first) and before the pipes read the body.
 */
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  UseInterceptors,
} from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { IncomingHttpHeaders } from 'node:http';
import type { Observable } from 'rxjs';
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

/** Checks the media type and the declared length of a request before its body is read. */
@Injectable()
export class JsonRequestInterceptor implements NestInterceptor {
  constructor(@Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { headers } = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>();
    checkJsonContentType(headers['content-type']);
    // A host app's body parser may allow more than our limit; the declared length is enough to refuse.
    const length = headers['content-length'];
    if (length !== undefined && Number(length) > this.settings.bodyLimitBytes) throw new PayloadTooLargeException();
    return next.handle();
  }
}

/** Marks a route as taking a JSON body (415 otherwise, 413 over the module's limit). */
export function JsonRequest(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseInterceptors(JsonRequestInterceptor), ApiConsumes(JSON_MEDIA_TYPE));
}
