/**
 * `@ScheduleRequestBody()`: the request body, validated by `ScheduleRequestPipe` into a
 * `GenerateScheduleRequestDto`. A custom parameter decorator rather than `@Body()`, so that a host
 * app's global `ValidationPipe` (which skips custom parameters unless told otherwise) neither
 * reshapes the body nor answers with its own messages; global pipes still run on it.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ScheduleRequestPipe } from './schedule-request.pipe';

const requestBody = createParamDecorator((_data: unknown, ctx: ExecutionContext): unknown => {
  return ctx.switchToHttp().getRequest<{ body?: unknown }>().body;
});

/**
 * The validated schedule request. Type the parameter `Readonly<GenerateScheduleRequestDto>`: its
 * design type is then `Object`, which every `ValidationPipe` leaves alone, even one with
 * `validateCustomDecorators: true`.
 */
export function ScheduleRequestBody(): ParameterDecorator {
  return requestBody(undefined, ScheduleRequestPipe);
}
