/**
 * Imported by `main.ts` right after the young-generation hold, before anything loads Nest: loads
 * `@nestjs/common` with its console logger's clock deferred (see `logging/deferred-nest-clock.ts`).
 */
import { loadNestWithDeferredClock } from '../logging/deferred-nest-clock';

loadNestWithDeferredClock();
