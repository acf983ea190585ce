import type { Repositories } from '@steward/core';
import type { StewardStore } from '../../src/store.ts';

/** What each part of the contract reads once the suite has opened its store. */
export interface ContractContext {
  store: StewardStore;
  tx: <T>(fn: (r: Repositories) => Promise<T>) => Promise<T>;
}
