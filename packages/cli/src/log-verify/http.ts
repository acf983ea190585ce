import { VerificationError } from './errors.ts';

/** The part of `fetch` the verifier uses; tests and the CLI pass the real one. */
export type FetchLike = (url: string) => Promise<Response>;

/** A response body, or a VerificationError naming the URL and what went wrong. */
async function get(fetch: FetchLike, url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout…) is in its cause.
    const cause = e instanceof Error ? (e.cause as { message?: string; code?: string } | undefined) : undefined;
    const detail = cause?.message || cause?.code || (e instanceof Error ? e.message : String(e));
    throw new VerificationError(`cannot fetch ${url}: ${detail}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpStatusError(url, res.status, res.statusText);
  }
  return res;
}

/** A non-2xx answer; `status` lets callers treat 404 as "not there". */
export class HttpStatusError extends VerificationError {
  readonly status: number;
  constructor(url: string, status: number, statusText: string) {
    super(`${url} answered ${status}${statusText ? ` ${statusText}` : ''}`);
    this.status = status;
  }
}

export async function getText(fetch: FetchLike, url: string): Promise<string> {
  return (await get(fetch, url)).text();
}

export async function getBytes(fetch: FetchLike, url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await get(fetch, url)).arrayBuffer());
}

/** Maps `items` through `fn` with at most `limit` calls in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
