import { afterAll, beforeAll, describe } from 'vitest';
import type { StewardStore } from '../../src/store.ts';
import { accountsContract } from './accounts.ts';
import { collectivesContract } from './collectives.ts';
import { consentsContract } from './consents.ts';
import type { ContractContext } from './context.ts';
import { governanceContract } from './governance.ts';
import { invitationsContract } from './invitations.ts';
import { logContract } from './log.ts';
import { recordsContract } from './records.ts';
import { storeContract } from './store.ts';

export interface StoreUnderTest {
  store: StewardStore;
  /** Closes the store and removes what the run created (temp folder, schema). */
  dispose(): Promise<void>;
}

/**
 * The one contract every Store implementation must keep (DESIGN.md example 2). Each backend
 * calls this with a factory giving a fresh, empty store; the tests share it and keep apart by
 * using fresh ids, slugs and e-mails. `skip` reports the whole suite as skipped.
 */
export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>, options: { skip?: boolean } = {}): void {
  describe.skipIf(Boolean(options.skip))(`store contract: ${name}`, () => {
    let sut: StoreUnderTest | undefined;
    const ctx = {} as ContractContext;
    beforeAll(async () => {
      sut = await open();
      ctx.store = sut.store;
      ctx.tx = (fn) => sut!.store.transact(fn);
    });
    afterAll(async () => {
      await sut?.dispose();
    });

    storeContract(ctx);
    accountsContract(ctx);
    collectivesContract(ctx);
    invitationsContract(ctx);
    recordsContract(ctx);
    logContract(ctx);
    consentsContract(ctx);
    governanceContract(ctx);
  });
}
