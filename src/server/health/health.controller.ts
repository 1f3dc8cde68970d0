/**
 * Liveness (`GET /health`: the process answers HTTP) and readiness (`GET /health/ready`: it can
 * serve schedules). Orchestrators restart on failed liveness and stop routing on failed readiness.
 */
import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { StartupState } from '../lifecycle/startup-state';
import { PolicyRegistry, SCHEDULE_EXECUTOR, type ScheduleExecutor, SCHEDULER_SETTINGS, type SchedulerSettings } from '../../scheduler';
import { assessReadiness, isReadableDirectory, type ReadinessReport } from './readiness';

const READY_EXAMPLE = {
  status: 'ok',
  message: 'Ready',
  checks: {
    policies: { ok: true, names: ['basic', 'dummy'] },
    executor: { ok: true, workers: 2, busy: 0, queued: 0 },
    dataDir: { ok: true },
    warmUp: { ok: true },
    shutdown: { ok: true },
  },
};

const NOT_READY_EXAMPLE = {
  status: 'error',
  message: 'Not ready: the data directory (SCHEDULER_DATA_DIR) is missing or not readable',
  checks: { ...READY_EXAMPLE.checks, dataDir: { ok: false } },
};

/** `GET /health` and `GET /health/ready`. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly registry: PolicyRegistry,
    @Inject(SCHEDULE_EXECUTOR) private readonly executor: ScheduleExecutor,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
    @Optional() private readonly shutdown?: ShutdownState,
    @Optional() private readonly startup?: StartupState,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers HTTP' })
  @ApiOkResponse({ description: 'The server is alive.', schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: policies registered, executor up, data directory readable, warm-up over, not shutting down',
  })
  @ApiOkResponse({ description: 'Ready to serve schedules.', schema: { example: READY_EXAMPLE } })
  @ApiServiceUnavailableResponse({ description: 'Not ready; `message` names each failing check.', schema: { example: NOT_READY_EXAMPLE } })
  async ready(@Res({ passthrough: true }) res: unknown): Promise<ReadinessReport> {
    const report = assessReadiness({
      policies: this.registry.names(),
      executor: this.executor.stats?.(),
      dataDirReadable: await isReadableDirectory(this.settings.dataDir),
      warmingUp: this.startup?.warmingUp ?? false,
      draining: this.shutdown?.draining ?? false,
    });
    const http = this.adapterHost.httpAdapter;
    http.status(res, report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    // Probes must see the current state, never a cached one.
    http.setHeader(res, 'Cache-Control', 'no-store');
    return report;
  }
}
