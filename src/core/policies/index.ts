/**
 * The built-in policies of the core, by name. The worker pool finds a policy here inside each worker
 * thread, so every entry must be importable without Nest and hold no per-request state.
 */
import type { Policy } from '../policy';
import { basicPolicy } from './basic';
import { dummyPolicy } from './dummy';

/** The built-in policies in registration order. */
const BUILT_IN: readonly Policy[] = [dummyPolicy as Policy, basicPolicy as Policy];

/** Built-in policies, by their request name. */
export const CORE_POLICIES: ReadonlyMap<string, Policy> = new Map(BUILT_IN.map((p) => [p.name, p]));
