import { lazy, Suspense } from 'react';
import { Alert, Button, Loading, PageHeader } from '../../ui/index.ts';
import { LazyBoundary } from './LazyBoundary.tsx';

/**
 * The insights page is loaded when first opened: its code (and, after it, the charting library)
 * stays out of the main bundle that every page needs.
 */
const Page = lazy(() => import('./InsightsPage.tsx').then((m) => ({ default: m.InsightsPage })));

function LoadFailed() {
  return (
    <>
      <PageHeader title="Your pay and hours" />
      <Alert tone="error" title="This page could not be loaded">
        <p>Check your connection; if Steward was just updated, reloading gets the new version.</p>
        <div>
          <Button variant="secondary" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </div>
      </Alert>
    </>
  );
}

export function InsightsPage({ slug }: { slug: string }) {
  return (
    <LazyBoundary fallback={<LoadFailed />}>
      <Suspense fallback={<Loading label="Loading your pay and hours…" />}>
        <Page slug={slug} />
      </Suspense>
    </LazyBoundary>
  );
}
