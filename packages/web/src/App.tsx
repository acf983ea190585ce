import type { ReactNode } from 'react';
import { AppShell } from './layout/AppShell.tsx';
import { errorMessage } from './lib/api.ts';
import { matchPath, Redirect, useLocation } from './lib/router.tsx';
import { SessionProvider, useSession } from './lib/session.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { CollectivesPage } from './pages/CollectivesPage.tsx';
import { ConsentPage } from './pages/consent/ConsentPage.tsx';
import { CharterPage } from './pages/governance/CharterPage.tsx';
import { ProposalPage } from './pages/governance/ProposalPage.tsx';
import { ProposalsPage } from './pages/governance/ProposalsPage.tsx';
import { ImportPage } from './pages/import/ImportPage.tsx';
import { InsightsPage } from './pages/insights/index.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { MemberHomePage } from './pages/MemberHomePage.tsx';
import { MyRecordsPage } from './pages/MyRecordsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';
import { StewardHomePage } from './pages/steward/StewardHomePage.tsx';
import { TransparencyPage } from './pages/transparency/TransparencyPage.tsx';
import { Alert, Button, Loading } from './ui/index.ts';

/** Pages that need a signed-in person send everyone else to sign-in, and back here after. */
function RequireSignIn({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const { href } = useLocation();
  if (state.status === 'loading') return <Loading label="Checking who is signed in…" />;
  if (state.status === 'error') {
    return (
      <Alert tone="error" title="Steward could not be reached">
        <p>{errorMessage(state.error)}</p>
        <div>
          <Button variant="secondary" onClick={() => void refresh()}>
            Try again
          </Button>
        </div>
      </Alert>
    );
  }
  if (state.status === 'signed-out') return <Redirect to={href === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(href)}`} />;
  return <>{children}</>;
}

/** `/`: straight to your collective if you have exactly one, else the list. */
function Home() {
  const { state } = useSession();
  if (state.status !== 'signed-in') return null;
  const only = state.me.collectives.length === 1 ? state.me.collectives[0] : undefined;
  if (only) return <Redirect to={`/c/${encodeURIComponent(only.slug)}`} />;
  return <CollectivesPage />;
}

function Routes() {
  const { pathname } = useLocation();
  let m: Record<string, string> | null;

  if (pathname === '/sign-in') return <SignInPage />;
  if (pathname === '/sign-up') return <SignUpPage />;
  if ((m = matchPath('/join/:token', pathname))) return <JoinPage token={m.token!} />;
  // The log is public: auditors and anyone else read it without an account.
  if ((m = matchPath('/c/:slug/transparency', pathname))) return <TransparencyPage key={m.slug} slug={m.slug!} />;

  let page: ReactNode;
  if (pathname === '/') page = <Home />;
  else if (pathname === '/collectives') page = <CollectivesPage />;
  else if (pathname === '/account') page = <AccountPage />;
  else if ((m = matchPath('/c/:slug', pathname))) page = <MemberHomePage key={m.slug} slug={m.slug!} />;
  else if ((m = matchPath('/c/:slug/import', pathname))) page = <ImportPage key={m.slug} slug={m.slug!} />;
  else if ((m = matchPath('/c/:slug/insights', pathname))) page = <InsightsPage key={m.slug} slug={m.slug!} />;
  else if ((m = matchPath('/c/:slug/consent', pathname))) page = <ConsentPage key={m.slug} slug={m.slug!} />;
  else if ((m = matchPath('/c/:slug/proposals', pathname))) page = <ProposalsPage key={m.slug} slug={m.slug!} />;
  else if ((m = matchPath('/c/:slug/proposals/:id', pathname))) page = <ProposalPage key={`${m.slug}/${m.id}`} slug={m.slug!} id={m.id!} />;
  else if ((m = matchPath('/c/:slug/charter', pathname))) page = <CharterPage key={m.slug} slug={m.slug!} />;
  else if ((m = matchPath('/c/:slug/steward', pathname))) page = <StewardHomePage key={m.slug} slug={m.slug!} />;
  else if ((m = matchPath('/c/:slug/data/:dataset', pathname))) page = <MyRecordsPage key={`${m.slug}/${m.dataset}`} slug={m.slug!} dataset={m.dataset!} />;
  else return <NotFoundPage />;
  return <RequireSignIn>{page}</RequireSignIn>;
}

export function App() {
  return (
    <SessionProvider>
      <AppShell>
        <Routes />
      </AppShell>
    </SessionProvider>
  );
}
