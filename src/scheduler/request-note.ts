/**
 * What the schedule service learns about a request that the HTTP request log wants (the resolved
 * policy name, the executor's queue wait), passed through an AsyncLocalStorage so the service
 * stays free of HTTP objects. Without a surrounding `runWithRequestNote`, noting does nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Facts about one schedule request, filled in as the service gets to them. */
export interface RequestNote {
  /** Name of the policy the request resolved to. */
  policy?: string;
  /** Milliseconds the job waited for a worker. */
  queueWaitMs?: number;
}

const storage = new AsyncLocalStorage<RequestNote>();

/** Runs `fn` with `note` as the current request's note (the request logger does this). */
export function runWithRequestNote<T>(note: RequestNote, fn: () => T): T {
  return storage.run(note, fn);
}

/** Adds `facts` to the current request's note, if any. */
export function noteRequest(facts: Partial<RequestNote>): void {
  const note = storage.getStore();
  if (note) Object.assign(note, facts);
}
