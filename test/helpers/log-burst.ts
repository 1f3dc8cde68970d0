/**
 * A process that writes COUNT request-like records through the server's root logger (JSON to
 * stdout, asynchronous) and then ends at once, as MODE says: `exit` calls `process.exit(0)` (the
 * last step of the graceful shutdown), `crash` throws with the server's process error handlers
 * installed, `linger` keeps running (its records must come out without an exit). Run with ts-node
 * by `test/log-flush.e2e-spec.ts`.
 */
import { installProcessErrorHandlers } from '../../src/server/lifecycle/process-errors';
import { createRootLogger } from '../../src/server/logging/logger';

const [mode, count] = [process.argv[2], Number(process.argv[3])];
const logger = createRootLogger({ logLevel: 'info', logFormat: 'json' });
installProcessErrorHandlers(logger);
for (let i = 0; i < count; i++) logger.info({ requestId: `r-${i}`, status: 200, padding: 'x'.repeat(200) }, 'request');
if (mode === 'exit') process.exit(0);
else if (mode === 'crash') throw new Error('boom after the burst');
else if (mode === 'linger') setTimeout(() => process.exit(0), 60_000);
else throw new Error(`unknown mode ${mode}`);
