/** The in-browser verifiers, fetched the first time a page checks a proof (a separate chunk). */
export type Verifier = typeof import('./verify.ts');

let loading: Promise<Verifier> | undefined;

export function loadVerifier(): Promise<Verifier> {
  loading ??= import('./verify.ts').catch((e: unknown) => {
    // A failed chunk download (offline, new deploy): let the next try fetch again.
    loading = undefined;
    throw e;
  });
  return loading;
}
