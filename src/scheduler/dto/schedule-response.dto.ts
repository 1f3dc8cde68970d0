/** The two response envelopes as documented in OpenAPI. */
import { ApiProperty } from '@nestjs/swagger';

/** HTTP 200: the generated script. */
export class ScheduleSuccessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok', description: 'Always `ok` on success.' })
  status!: 'ok';

  // The real answer to the `jsonString` request example (test/docs.e2e-spec.ts compares them).
  @ApiProperty({
    example: 'import time\n# generated 2026-11-29T21:05:03.112Z by the dummy policy for 2026-11-29T21:05:00+00:00 to 2026-11-29T22:05:00+00:00\ntime.sleep(1853.15)\ntime.sleep(1746.85)\n',
    description: 'A complete Python script for the telescope; it compiles as it stands.',
  })
  commands!: string;

  @ApiProperty({ example: 'Success', description: '`Success`, or a note from the policy.' })
  message!: string;
}

/** Every non-200 answer: exactly `status` and `message`. */
export class ScheduleErrorDto {
  @ApiProperty({ enum: ['error'], example: 'error', description: 'Always `error`.' })
  status!: 'error';

  @ApiProperty({ example: 'Missing t0 field', description: 'What is wrong, in one sentence a person can act on.' })
  message!: string;
}
