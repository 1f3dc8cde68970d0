/**
 * Imported first by `main.ts`, before Nest and the app's modules load: holds the HTTP thread's
 * young generation at its initial size through start-up (see `young-generation.ts`).
 */
import { holdYoungGeneration } from './young-generation';

holdYoungGeneration();
