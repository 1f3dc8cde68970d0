/**
 * The contract every scheduling policy of the core implements. The Nest layer wraps each one in a
 * provider found by name; the core itself knows nothing of Nest.
 */
import type { ConfigClass } from './config/validate';
import type { PlanBlock } from './plan/plan-block';
import type { SafetyFloors } from './safety/floors';
import type { SafetyReport } from './safety/report';
import type { Micros } from './time/micros';

/** What a policy may know about the request and the server, besides window and config. */
export interface PolicyContext {
  /** Directory that named master-schedule files are resolved in (`SCHEDULER_DATA_DIR`). */
  readonly dataDir: string;
  /** Stable text identifying the request (window + policy + config); seeds any randomness. */
  readonly seed: string;
  /** Wall-clock time of the request, only for informational text (never for results). */
  readonly now: Date;
  /** The operator's floors: a config may tighten the Sun and mount limits, never loosen them below these. */
  readonly floors: SafetyFloors;
}

/** A generated schedule. */
export interface ScheduleResult {
  /** The Python script. */
  readonly commands: string;
  /** Extra note for `message` (the envelope says "Success" when absent). */
  readonly note?: string;
  /** One block per scan (or park) of `commands`, in order (the `dummy` sleeps are `idle` blocks); absent when the policy gives none. */
  readonly blocks?: readonly PlanBlock[];
  /** The independent checker's result for the scans of `commands` (policies that run it). */
  readonly safety?: SafetyReport;
}

/** A named scheduling policy. `C` is its validated config type. */
export interface Policy<C = unknown> {
  /** Name used in requests (`{"policy": NAME}`). */
  readonly name: string;
  /** One line for the docs and the list of policies. */
  readonly description: string;
  /** Default config (plain JSON, deep-frozen); never mutated. The one source of every default. */
  readonly defaults: C;
  /**
   * The config's class-validator class: the merge of `defaults`, a preset and the request's
   * `config` is validated against it (`validateConfig`), and its JSON Schema is made from it.
   */
  readonly configClass: ConfigClass<C>;
  /** The policy's own named partial configs, merged between `defaults` and the request's `config`. */
  readonly presets?: Readonly<Record<string, unknown>>;
  /** Computes the schedule for `[t0, t1]` (microseconds, UTC). Pure for a given input. */
  generate(t0: Micros, t1: Micros, config: C, ctx: PolicyContext): ScheduleResult;
}
