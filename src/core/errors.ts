/**
 * Errors the scheduling core raises for a client's mistake. The Nest layer turns each into a 4xx
 * with the envelope; anything else thrown by the core is a bug and becomes a 500.
 */
import type { SafetyReport } from './safety/report';

/** A request the core cannot serve because of what the client sent (HTTP 400). */
export class ScheduleInputError extends Error {
  /** Dotted path of the offending input (`config.rules.sun-avoidance.min_angle_az`), when known. */
  readonly path?: string;

  constructor(message: string, path?: string) {
    super(message);
    this.name = 'ScheduleInputError';
    this.path = path;
  }
}

/** A config value that is unknown, of the wrong type or out of range (HTTP 400). */
export class ConfigError extends ScheduleInputError {
  constructor(path: string, why: string) {
    super(`Invalid config: ${path} ${why}.`, path);
    this.name = 'ConfigError';
  }
}

/**
 * The independent check found a schedule unsafe (a scan near the Sun or beyond the mount's
 * limits): the script is never sent. HTTP 500 with a fixed message; the report goes to the log.
 */
export class UnsafeScheduleError extends Error {
  /** The checker's full report. */
  readonly report: SafetyReport;

  constructor(report: SafetyReport) {
    const bad = report.blocks.filter((b) => b.problems.length > 0);
    const details = bad
      .slice(0, 5)
      .map((b) => `scan ${b.index} (${JSON.stringify(b.name)}): ${b.problems.join('; ')}`)
      .join(' | ');
    super(`The schedule failed its safety check: ${bad.length} of ${report.blocks.length} scans break the criteria. ${details}`);
    this.name = 'UnsafeScheduleError';
    this.report = report;
  }
}
