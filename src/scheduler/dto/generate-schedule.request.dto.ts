/**
 * The body of `POST /api/v1/schedule/`, validated by `ScheduleRequestPipe` with class-validator
 * and class-transformer. The same classes are the request's OpenAPI schema.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import {
  IsConfigObject,
  IsPolicyName,
  IsPolicySelection,
  IsPresetName,
  IsScheduleTime,
} from './schedule-request.validators';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** The policy and its settings: `{"policy": NAME, "config": {...}, "preset": NAME}`. */
export class PolicySelectionDto {
  @ApiProperty({ example: 'dummy', description: 'Name of the policy (see the list in the API description).' })
  @Transform(trim)
  @IsPolicyName()
  policy!: string;

  @ApiPropertyOptional({
    example: {},
    type: 'object',
    additionalProperties: true,
    description: "Overrides deep-merged over the policy's default config: objects merge key by key, arrays and values replace, null removes a key. The merge must pass the policy's config class; a key it does not know is a 400 naming the dotted path.",
  })
  // The client's object as sent (already bounded in size): the policy's config class checks it after the merge.
  @Transform(({ obj }: { obj: { config?: unknown } }) => obj.config ?? undefined, { toClassOnly: true })
  @IsOptional()
  @IsConfigObject()
  config?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: "Extension: name of a stored config (the policy's own, or the operator's) applied between the defaults and `config`.",
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : (value ?? undefined)))
  @IsOptional()
  @IsPresetName()
  preset?: string;
}

/** Body of `POST /api/v1/schedule/`. */
export class GenerateScheduleRequestDto {
  @ApiProperty({
    example: '2026-11-29 21:05',
    description: 'Start of the window: `YYYY-MM-DD HH:MM[:SS[.ffffff]]` (UTC), or ISO 8601 with `T` and `Z` or an offset. No zone means UTC.',
  })
  @IsScheduleTime()
  t0!: string;

  @ApiProperty({
    example: '2026-11-29 22:05',
    description: 'End of the window, same forms as `t0`; must be after `t0`, and at most the maximum window (31 days by default) later.',
  })
  @IsScheduleTime()
  t1!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/PolicySelectionDto' }],
    example: '{"policy": "dummy", "config": {}}',
    description: 'The policy and its config: `{"policy": NAME, "config": {...}}` as a JSON string (what clients send), the same object inline, or a bare policy name such as `"dummy"`.',
  })
  @IsPolicySelection()
  @ValidateNested()
  @Type(() => PolicySelectionDto)
  policy!: PolicySelectionDto;
}
