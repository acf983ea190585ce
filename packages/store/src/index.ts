export { openStore, type StoreOptions } from './open.ts';
export type { StewardStore } from './store.ts';
export { LOCK_FILE } from './lock.ts';
export { fileKeyStore, type KeyGenerator } from './keys/file-key-store.ts';
