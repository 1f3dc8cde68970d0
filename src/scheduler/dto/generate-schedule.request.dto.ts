/**
 * The request body as documented in OpenAPI. Validation is done by the framework-free parser
 * (`../request`), which gives the contract's exact messages; this class only documents.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The `policy` object, inline or as a JSON string. */
export class PolicySelectionDto {
  @ApiProperty({ example: 'dummy', description: 'Name of the policy (see the list in the API description).' })
  policy!: string;

  @ApiPropertyOptional({
    example: {},
    type: 'object',
    additionalProperties: true,
    description: "Overrides deep-merged over the policy's default config: objects merge key by key, arrays and values replace, null removes a key. Unknown keys are a 400 naming the dotted path.",
  })
  config?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 'fine-steps',
    description: 'Extension: name of a stored config applied between the defaults and `config`.',
  })
  preset?: string;
}

/** Body of `POST /api/v1/schedule/`. */
export class GenerateScheduleRequestDto {
  @ApiProperty({
    example: '2026-11-29 21:05',
    description: 'Start of the window: `YYYY-MM-DD HH:MM[:SS[.ffffff]]` (UTC), or ISO 8601 with `T` and `Z` or an offset. No zone means UTC.',
  })
  t0!: string;

  @ApiProperty({
    example: '2026-11-29 22:05',
    description: 'End of the window, same forms as `t0`; must be after `t0`, and at most the maximum window (31 days by default) later.',
  })
  t1!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/PolicySelectionDto' }],
    example: '{"policy": "dummy", "config": {}}',
    description: 'The policy and its config: `{"policy": NAME, "config": {...}}` as a JSON string (what clients send), the same object inline, or a bare policy name such as `"dummy"`.',
  })
  policy!: string | PolicySelectionDto;
}
