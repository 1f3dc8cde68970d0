/**
 * `GET /<routePrefix>/policies`: the catalogue of registered policies (built-in and the host
 * app's) with their defaults, config JSON Schema and presets, so a client can build a request
 * without reading the server's code.
 */
import { Controller, Get, Inject, type Type, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PoliciesResponseDto } from './dto/policies-response.dto';
import { EnvelopeExceptionFilter } from './envelope.filter';
import { PolicyRegistry } from './policy-registry';
import { policyConfigSchema, policyPresets } from './policy-schemas';
import { SCHEDULER_SETTINGS } from './scheduler.constants';
import type { SchedulerSettings } from './scheduler-options.interface';

/** One entry of the catalogue. */
export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly defaults: unknown;
  readonly configSchema: unknown;
  readonly presets: Readonly<Record<string, unknown>>;
}

/** The catalogue's answer. */
export interface PoliciesEnvelope {
  readonly status: 'ok';
  readonly policies: readonly PolicyInfo[];
}

/** The catalogue of the registered policies, sorted by name. */
export function policyCatalogue(registry: PolicyRegistry, settings: SchedulerSettings): PoliciesEnvelope {
  const policies = [...registry.all().values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({
      name: p.name,
      description: p.description,
      defaults: p.defaults,
      configSchema: policyConfigSchema(p),
      presets: policyPresets(p, settings),
    }));
  return { status: 'ok', policies };
}

/** Makes the catalogue's controller for `routePrefix` (`api/v1` by default). */
export function createPoliciesController(routePrefix: string): Type<unknown> {
  @ApiTags('schedule')
  @Controller(routePrefix)
  @UseFilters(EnvelopeExceptionFilter)
  class PoliciesController {
    constructor(
      private readonly registry: PolicyRegistry,
      @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
    ) {}

    @Get('policies')
    @ApiOperation({
      summary: 'The registered policies, their defaults, config schemas and presets',
      description:
        'Every policy a request may name (built-in and the host app\'s): `defaults` (what a request\'s `config` is merged over), `configSchema` (the JSON Schema of that `config`, the same one this document shows as `<Name>PolicyConfig`) and `presets` (named partial configs a request selects with `preset`).',
    })
    @ApiOkResponse({ type: PoliciesResponseDto, description: 'The catalogue.' })
    policies(): PoliciesEnvelope {
      return policyCatalogue(this.registry, this.settings);
    }
  }
  return PoliciesController;
}
