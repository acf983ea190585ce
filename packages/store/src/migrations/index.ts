import { m0001Initial } from './0001_initial.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Add new ones at the end with the next number. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial];
