/** Request ids: a client's own id when it is sane, else a fresh UUID. */
import { randomUUID } from 'node:crypto';

/** Header carrying the id, on the request (optional) and on every answer. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

// Printable, header- and log-safe, short: what tracing systems send (UUIDs, hex, base64url).
const SANE_ID = /^[A-Za-z0-9._:+\/=-]{1,128}$/;

/** The incoming id when it is a single sane token, otherwise a new random UUID. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
}
