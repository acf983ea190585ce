import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../lib/api.ts';
import { Link, matchPath, navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { Alert, Button } from '../ui/index.ts';
import { CollectiveSwitcher } from './CollectiveSwitcher.tsx';
import { Logo } from './Logo.tsx';
import { NotificationsButton } from '../pages/governance/NotificationsButton.tsx';

function currentSlug(pathname: string): string | undefined {
  return (
    matchPath('/c/:slug', pathname) ??
    matchPath('/c/:slug/steward', pathname) ??
    matchPath('/c/:slug/import', pathname) ??
    matchPath('/c/:slug/insights', pathname) ??
    matchPath('/c/:slug/consent', pathname) ??
    matchPath('/c/:slug/proposals', pathname) ??
    matchPath('/c/:slug/proposals/:id', pathname) ??
    matchPath('/c/:slug/charter', pathname) ??
    matchPath('/c/:slug/transparency', pathname) ??
    matchPath('/c/:slug/data/:dataset', pathname)
  )?.slug;
}

function Header() {
  const { state, signOut } = useSession();
  const { pathname } = useLocation();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const me = state.status === 'signed-in' ? state.me : null;
  const loading = state.status === 'loading';
  const slug = currentSlug(pathname);
  const current = me?.collectives.find((c) => c.slug === slug);
  // Without a collective in the URL, nav points at the only one you have, if just one.
  const navCollective = current ?? (me?.collectives.length === 1 ? me.collectives[0] : undefined);

  async function onSignOut() {
    try {
      await signOut();
      navigate('/sign-in');
    } catch (e) {
      setSignOutError(errorMessage(e));
    }
  }

  const base = navCollective ? `/c/${encodeURIComponent(navCollective.slug)}` : null;
  return (
    <header className="site-header">
      <div className={me || loading ? 'site-header-inner' : 'site-header-inner no-session'}>
        <Link to="/" className="brand" aria-current={undefined}>
          <Logo />
          Steward
        </Link>
        {me ? (
          <>
            <CollectiveSwitcher collectives={me.collectives} currentSlug={slug} />
            <nav className="nav" aria-label="Main">
              <ul className="nav-list">
                {base ? (
                  <li>
                    <Link className="nav-link" to={base} aria-current={pathname === base || pathname.startsWith(`${base}/data/`) ? 'page' : undefined}>
                      My data
                    </Link>
                  </li>
                ) : (
                  <li>
                    <Link className="nav-link" to="/collectives">
                      Collectives
                    </Link>
                  </li>
                )}
                {base && navCollective?.roles.includes('member') ? (
                  <li>
                    <Link className="nav-link" to={`${base}/insights`}>
                      My pay
                    </Link>
                  </li>
                ) : null}
                {base && navCollective?.roles.includes('member') ? (
                  <li>
                    <Link className="nav-link" to={`${base}/import`}>
                      Import
                    </Link>
                  </li>
                ) : null}
                {base && (navCollective?.roles.includes('member') || navCollective?.roles.includes('steward') || navCollective?.roles.includes('auditor')) ? (
                  <li>
                    <Link className="nav-link" to={`${base}/consent`}>
                      Consent
                    </Link>
                  </li>
                ) : null}
                {base ? (
                  <li>
                    <Link className="nav-link" to={`${base}/proposals`} aria-current={pathname.startsWith(`${base}/proposals`) ? 'page' : undefined}>
                      Decisions
                    </Link>
                  </li>
                ) : null}
                {base ? (
                  <li>
                    <Link className="nav-link" to={`${base}/charter`}>
                      Charter
                    </Link>
                  </li>
                ) : null}
                {base ? (
                  <li>
                    <Link className="nav-link" to={`${base}/transparency`}>
                      Transparency
                    </Link>
                  </li>
                ) : null}
                {base && navCollective?.roles.includes('steward') ? (
                  <li>
                    <Link className="nav-link" to={`${base}/steward`}>
                      Steward
                    </Link>
                  </li>
                ) : null}
                <li>
                  <Link className="nav-link" to="/account">
                    Account
                  </Link>
                </li>
              </ul>
            </nav>
            <div className="header-signout cluster">
              {navCollective ? <NotificationsButton slug={navCollective.slug} /> : null}
              <Button variant="ghost" small onClick={onSignOut}>
                Sign out
              </Button>
            </div>
          </>
        ) : loading ? (
          // Holds the signed-in header's room while `me` loads, so the page does not jump down.
          <>
            <div className="switcher header-placeholder" aria-hidden="true" />
            <div className="nav header-placeholder" aria-hidden="true" />
          </>
        ) : null}
      </div>
      {signOutError ? (
        <div className="site-header-inner no-session">
          <Alert tone="error" title="Could not sign out">
            <p>{signOutError}</p>
          </Alert>
        </div>
      ) : null}
    </header>
  );
}

/** Skip link, header, the main landmark and footer around every page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After moving to another page, start at its top and put focus on the new content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" className="main" ref={main} tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer-inner">
          <p>Steward: your data, governed together. Only you can see your own records.</p>
        </div>
      </footer>
    </div>
  );
}
