import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../lib/api.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { useForm } from '../lib/forms.ts';
import { navigate } from '../lib/router.tsx';
import { useMe, useSession } from '../lib/session.tsx';
import type { ApiToken, NewApiToken } from '../lib/types.ts';
import { useApi } from '../lib/useApi.ts';
import { useTitle } from '../lib/useTitle.ts';
import { Alert, Badge, Button, Card, ConfirmButton, CopyField, EmptyState, FormError, Loading, PageHeader, Section, Table, TextField, type Column } from '../ui/index.ts';

export function AccountPage() {
  useTitle('Your account');
  const me = useMe();
  const { signOut } = useSession();
  const [signOutError, setSignOutError] = useState<string | null>(null);

  async function onSignOut() {
    try {
      await signOut();
      navigate('/sign-in');
    } catch (e) {
      setSignOutError(errorMessage(e));
    }
  }

  return (
    <>
      <PageHeader title="Your account" />
      <div className="sections">
        <Card className="stack form-card">
          <dl className="facts">
            <dt>Name</dt>
            <dd>{me.user.displayName}</dd>
            <dt>Email</dt>
            <dd>{me.user.email}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(me.user.createdAt)}</dd>
          </dl>
          <div>
            <Button variant="secondary" onClick={onSignOut}>
              Sign out
            </Button>
          </div>
          {signOutError ? (
            <Alert tone="error" title="Could not sign out">
              <p>{signOutError}</p>
            </Alert>
          ) : null}
        </Card>
        <TokensSection />
      </div>
    </>
  );
}

function tokenStatus(t: ApiToken): { label: string; tone: 'success' | 'danger' | 'warning' } {
  if (t.revokedAt) return { label: 'Revoked', tone: 'danger' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) return { label: 'Expired', tone: 'warning' };
  return { label: 'Active', tone: 'success' };
}

function TokensSection() {
  const list = useApi(() => api.call('listTokens'), 'tokens');
  const [created, setCreated] = useState<NewApiToken | null>(null);

  const columns: Column<ApiToken>[] = [
    { key: 'name', label: 'Name', rowHeader: true, cell: (t) => t.name },
    { key: 'prefix', label: 'Starts with', cell: (t) => <code>{t.prefix}…</code> },
    { key: 'status', label: 'Status', cell: (t) => <Badge tone={tokenStatus(t).tone}>{tokenStatus(t).label}</Badge> },
    { key: 'created', label: 'Created', cell: (t) => formatDate(t.createdAt) },
    { key: 'used', label: 'Last used', cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never') },
    { key: 'expires', label: 'Expires', cell: (t) => (t.expiresAt ? formatDate(t.expiresAt) : 'Never') },
    { key: 'actions', label: 'Actions', noLabel: true, cell: (t) => (t.revokedAt ? null : <ConfirmButton label="Revoke" what={`token ${t.name}`} onConfirm={async () => { await api.call('revokeToken', { params: { tokenId: t.id } }); await list.reload(); }} />) },
  ];

  return (
    <Section id="tokens" title="API tokens" description="Tokens let the steward command line and your own programs act as you. Treat a token like a password.">
      <div className="grid-2">
        <CreateToken
          created={created}
          onCreated={(t) => {
            setCreated(t);
            void list.reload();
          }}
        />
        <div className="stack">
          <h3>Your tokens</h3>
          {list.status === 'loading' ? <Loading label="Loading tokens…" /> : null}
          {list.status === 'error' ? (
            <Alert tone="error" title="Could not load your tokens.">
              <p>{errorMessage(list.error)}</p>
            </Alert>
          ) : null}
          {list.status === 'ok' && list.data.items.length === 0 ? <EmptyState title="No tokens yet." /> : null}
          {list.status === 'ok' && list.data.items.length > 0 ? <Table caption="Your API tokens" hideCaption columns={columns} rows={list.data.items} rowKey={(t) => t.id} /> : null}
        </div>
      </div>
    </Section>
  );
}

const LABELS = { name: 'Token name', expiresInDays: 'Expires after (days, optional)' };

function CreateToken({ created, onCreated }: { created: NewApiToken | null; onCreated: (t: NewApiToken) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const form = useForm(['name', 'expiresInDays']);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = days.trim() === '' ? undefined : Number(days);
    await form.submit(
      async () => {
        const t = await api.call('createToken', { body: { name: name.trim(), expiresInDays: n } });
        setName('');
        setDays('');
        onCreated(t);
      },
      () => ({
        ...(name.trim() ? {} : { name: 'Give the token a name.' }),
        ...(n === undefined || (Number.isInteger(n) && n >= 1 && n <= 3650) ? {} : { expiresInDays: 'Enter a whole number of days from 1 to 3650, or leave it empty.' }),
      }),
    );
  }

  return (
    <Card className="stack">
      <h3 id="new-token-title">Create a token</h3>
      {created ? (
        <Alert tone="success" title={`Token “${created.name}” created.`}>
          <CopyField label="Your new token" value={created.token} hint="Shown only this once: copy it now and keep it somewhere safe." />
        </Alert>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="new-token-title">
        <FormError problem={form.problem} labels={LABELS} idPrefix="token-" />
        <TextField
          id="token-name"
          name="name"
          label={LABELS.name}
          hint="What it is for, e.g. “laptop CLI”."
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.fieldError('name')}
        />
        <TextField
          id="token-expiresInDays"
          name="expiresInDays"
          className="field-narrow"
          label={LABELS.expiresInDays}
          hint="Leave empty for a token that does not expire."
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={form.fieldError('expiresInDays')}
        />
        <div className="form-actions">
          <Button type="submit" busy={form.busy}>
            {form.busy ? 'Creating…' : 'Create token'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
