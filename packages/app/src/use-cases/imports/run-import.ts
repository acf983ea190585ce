import { openImport, type ImportInput, type ImportOptions } from '@steward/importers';

/** What a member chooses for an import: the export's zone, a forced importer, a currency. */
export interface ImportChoices {
  timezone?: string;
  importer?: string;
  currency?: string;
}

/** Opens the import with the member's choices; rows that break a schema are dropped with a reason. */
export function startImport(file: ImportInput, choices: ImportChoices) {
  const options: ImportOptions = { onInvalidRow: 'drop' };
  if (choices.timezone) options.timezone = choices.timezone;
  if (choices.importer) options.importer = choices.importer;
  if (choices.currency) options.currency = choices.currency;
  return openImport(file, options);
}
