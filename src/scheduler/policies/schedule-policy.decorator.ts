/**
 * `@SchedulePolicy('name')` marks a provider class as a scheduling policy; the registry finds
 * every such provider through Nest's discovery service when the module starts.
 */
import { DiscoveryService } from '@nestjs/core';

/** Class decorator naming a policy provider: `@SchedulePolicy('dummy') class DummyPolicyProvider`. */
export const SchedulePolicy = DiscoveryService.createDecorator<string>();
