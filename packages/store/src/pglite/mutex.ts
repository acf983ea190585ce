/**
 * A first-in, first-out lock. The embedded database has one connection, so whoever holds it
 * (a single query, or a transaction from BEGIN to COMMIT) must hold it alone, and waiters must be
 * served in arrival order so a burst of requests cannot starve an earlier one.
 */
export class FifoMutex {
  #locked = false;
  #waiters: Array<() => void> = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    // Hand the lock straight to the next waiter; it stays locked in between so no newcomer can
    // slip in ahead of the queue.
    if (next) next();
    else this.#locked = false;
  }

  get waiting(): number {
    return this.#waiters.length;
  }
}
