export { ImportError, type ImportErrorReason, type ImportLocation } from './errors.ts';
export { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
export * from './types.ts';
export { detectFormat } from './detect.ts';
export { openImport, collectImport, type ImportRun } from './run.ts';
export { IMPORTERS } from './formats/index.ts';
export { validateMapping, type ColumnMapping } from './formats/generic/mapping.ts';
export { toMinorUnits, parseDecimal, currencyExponent } from './values/money.ts';
export { wallTimeToInstant, zoneOffsetMs, isValidTimeZone, type WallTime } from './values/time.ts';
