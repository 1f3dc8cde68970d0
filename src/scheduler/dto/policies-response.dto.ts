/** The answer of `GET /<prefix>/policies` as documented in OpenAPI. */
import { ApiProperty } from '@nestjs/swagger';

/** One registered policy: what a client needs to write a request for it. */
export class PolicyInfoDto {
  @ApiProperty({ example: 'dummy', description: 'The name a request gives as `policy`.' })
  name!: string;

  @ApiProperty({ example: 'Sleeps only: 1 to 10 time.sleep(S) lines that fill the window, the same for the same request.' })
  description!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: {}, description: 'The default config (a request\'s `config` is deep-merged over it).' })
  defaults!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { type: 'object', properties: {}, additionalProperties: false, description: 'Config of `dummy`: every key is optional in a request; …' },
    description: 'JSON Schema (OpenAPI 3.0 flavour) of the config a request may send: every key optional, defaults shown; the same schema `/docs` shows as `<Name>PolicyConfig`.',
  })
  configSchema!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {},
    description: 'Named partial configs a request may select with `preset` (the policy\'s own and the operator\'s), by name.',
  })
  presets!: Record<string, unknown>;
}

/** HTTP 200 of `GET /policies`. */
export class PoliciesResponseDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @ApiProperty({ type: [PolicyInfoDto], description: 'Every registered policy (built-in and the host app\'s), by name.' })
  policies!: PolicyInfoDto[];
}
