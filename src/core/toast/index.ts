/** The master schedule: TOAST ground-schedule parsing and safe loading (basic-policy §1). */
export { parseToast, TOAST_COLUMNS, TOAST_HEADER_LINES, type ParseToastOptions } from './parse';
export { clearMasterScheduleCache, loadMasterSchedule, MASTER_CACHE_SIZE } from './load';
