import { useTitle } from '../lib/useTitle.ts';
import { ButtonLink, EmptyState, PageHeader } from '../ui/index.ts';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is nothing at this address." action={<ButtonLink to="/">Go to the start page</ButtonLink>}>
        <p>The link may be old or mistyped.</p>
      </EmptyState>
    </>
  );
}
