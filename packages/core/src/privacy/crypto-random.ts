import { randomFromBytes, type RandomSource } from './random.ts';

/**
 * The production RandomSource (rule P4): Web Crypto's CSPRNG (`crypto.getRandomValues`), which Node
 * 24 and every browser provide on `globalThis`. Kept in its own file: it is the one place core
 * touches anything outside itself, and it reads no environment and does no I/O.
 */
export function cryptoRandom(): RandomSource {
  const webCrypto = globalThis.crypto;
  if (!webCrypto || typeof webCrypto.getRandomValues !== 'function') {
    throw new Error('No cryptographic random source (globalThis.crypto.getRandomValues) is available.');
  }
  // getRandomValues fills at most 65 536 bytes a call; the pool is well under that.
  return randomFromBytes((bytes) => webCrypto.getRandomValues(bytes), 4096);
}
