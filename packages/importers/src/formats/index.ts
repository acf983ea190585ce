import { generic } from './generic/importer.ts';
import { googleLocation } from './google.ts';
import type { Importer } from './importer.ts';
import { uberDriver, uberEatsCourier } from './uber/importers.ts';
import { weclock } from './weclock.ts';
import { wolt } from './wolt.ts';

/** Every importer, in the order detection consults them. */
export const IMPORTERS: readonly Importer[] = [uberEatsCourier, uberDriver, wolt, weclock, googleLocation, generic];

export function importerNamed(name: string): Importer | undefined {
  return IMPORTERS.find((i) => i.name === name);
}
