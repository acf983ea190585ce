import { useState } from 'react';
import { api, ApiError, errorMessage } from '../lib/api.ts';
import { formatDate, kindLabel, roleLabel } from '../lib/format.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { useTitle } from '../lib/useTitle.ts';
import { Alert, Badge, Button, ButtonLink, Card, Loading, PageHeader } from '../ui/index.ts';

/** `/join/:token`: what the link offers; sign in or sign up first if needed, then accept. */
export function JoinPage({ token }: { token: string }) {
  const { state, refresh } = useSession();
  const preview = useApi(() => api.call('previewInvitation', { params: { token } }), token);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle(preview.data ? `Join ${preview.data.collective.name}` : 'Invitation');

  const here = `/join/${encodeURIComponent(token)}`;

  if (preview.status === 'loading' || state.status === 'loading') return <Loading label="Opening your invitation…" />;
  if (preview.status === 'error') {
    const gone = preview.error instanceof ApiError && [400, 404, 409, 410].includes(preview.error.status);
    return (
      <div className="main-narrow">
        <PageHeader title="Invitation" />
        <Alert tone={gone ? 'warning' : 'error'} title={gone ? 'This invitation link does not work any more.' : 'Could not open this invitation.'}>
          <p>{gone ? 'It may have been used, revoked or have expired. Ask the steward who sent it for a new link.' : errorMessage(preview.error)}</p>
        </Alert>
      </div>
    );
  }

  const { collective, role, expiresAt } = preview.data;
  const me = state.status === 'signed-in' ? state.me : null;
  const already = me?.collectives.find((c) => c.id === collective.id);

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const joined = await api.call('acceptInvitation', { params: { token } });
      await refresh();
      navigate(`/c/${encodeURIComponent(joined.slug)}`, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <div className="main-narrow stack-lg">
      <PageHeader title={`Join ${collective.name}`} lede={`You are invited to join as ${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${roleLabel(role).toLowerCase()}.`} />
      <Card accent className="stack">
        <div className="cluster">
          <Badge>{kindLabel(collective.kind)}</Badge>
          <Badge tone="primary">{roleLabel(role)}</Badge>
        </div>
        {collective.description ? <p>{collective.description}</p> : null}
        <p className="muted small">This link works until {formatDate(expiresAt)}.</p>
        {error ? (
          <Alert tone="error" title="Could not join." focus>
            <p>{error}</p>
          </Alert>
        ) : null}
        {already ? (
          <>
            <p>You are already in this collective.</p>
            <div>
              <ButtonLink to={`/c/${encodeURIComponent(collective.slug)}`}>Go to {collective.name}</ButtonLink>
            </div>
          </>
        ) : me ? (
          <>
            <p>
              You are signed in as <strong>{me.user.email}</strong>.
            </p>
            <div className="form-actions">
              <Button busy={busy} onClick={accept}>
                {busy ? 'Joining…' : `Join ${collective.name}`}
              </Button>
            </div>
          </>
        ) : (
          <>
            <p>Sign in or create an account to join. You will come back here afterwards.</p>
            <div className="form-actions">
              <ButtonLink to={`/sign-up?next=${encodeURIComponent(here)}`}>Create an account</ButtonLink>
              <ButtonLink to={`/sign-in?next=${encodeURIComponent(here)}`} variant="secondary">
                Sign in
              </ButtonLink>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
