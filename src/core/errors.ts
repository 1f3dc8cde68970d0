/**
 * Errors the scheduling core raises for a client's mistake. The Nest layer turns each into a 4xx
 * with the envelope; anything else thrown by the core is a bug and becomes a 500.
 */

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
