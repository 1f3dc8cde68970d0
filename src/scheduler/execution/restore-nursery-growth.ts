/** Imported first by the worker's task module: sets the kept growth factor again as the thread starts (see nursery-growth.ts). */
import { restoreNurseryGrowthFactor } from './nursery-growth';

restoreNurseryGrowthFactor();
