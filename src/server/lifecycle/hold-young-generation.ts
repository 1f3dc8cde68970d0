/**
 * Imported first by `main.ts`, before Nest and the app's modules load: holds the HTTP thread's
 * young generation at its initial size through start-up (see `startup-young-generation.ts`) and
 * bounds the old generation's growth for the life of the process (see `memory-settings.ts`).
 */
import { applyHeapGrowing } from './memory-settings';
import { holdYoungGeneration } from './startup-young-generation';

holdYoungGeneration();
applyHeapGrowing();
