import { ApiError, errorMessage } from '../lib/api.ts';
import { Alert, Button, ButtonLink, PageHeader } from '../ui/index.ts';

interface LoadErrorProps {
  error: unknown;
  /** What did not load, e.g. "this collective". */
  what: string;
  onRetry?: () => void;
  /** The error is the whole page: give it the page's one h1. */
  page?: boolean;
}

/** What a screen shows when its data did not load: plain words, and a way on. */
export function LoadError({ error, what, onRetry, page }: LoadErrorProps) {
  const status = error instanceof ApiError ? error.status : 0;
  const missing = status === 404;
  const denied = status === 403;
  const title = missing ? `We could not find ${what}.` : denied ? `You do not have access to ${what}.` : `Could not load ${what}.`;
  const body =
    missing || denied ? (
      <Alert tone="warning" title={page ? undefined : title}>
        <p>{errorMessage(error)}</p>
        <div>
          <ButtonLink to="/collectives" variant="secondary">
            Go to your collectives
          </ButtonLink>
        </div>
      </Alert>
    ) : (
      <Alert tone="error" title={page ? undefined : title}>
        <p>{errorMessage(error)}</p>
        {onRetry ? (
          <div>
            <Button variant="secondary" onClick={onRetry}>
              Try again
            </Button>
          </div>
        ) : null}
      </Alert>
    );
  if (!page) return body;
  return (
    <>
      <PageHeader title={missing ? 'Not found' : denied ? 'No access' : 'Something went wrong'} lede={title} />
      {body}
    </>
  );
}
