import { useState, type FormEvent } from 'react';
import { schemas } from '@steward/contract';
import { api, errorMessage } from '../../lib/api.ts';
import { formatDate, formatDateTime, roleLabel } from '../../lib/format.ts';
import { useForm } from '../../lib/forms.ts';
import type { Invitation, NewInvitation, Role } from '../../lib/types.ts';
import { useApi } from '../../lib/useApi.ts';
import { Alert, Badge, Button, Card, ConfirmButton, CopyField, EmptyState, FormError, Loading, Section, SelectField, Table, TextField, type Column, type Tone } from '../../ui/index.ts';

const ROLES = schemas.Role.options;
const LABELS = { role: 'Role', expiresInDays: 'Link works for (days)', note: 'Note (optional)' };
const STATUS_TONE: Record<Invitation['status'], Tone> = { open: 'success', used: 'neutral', expired: 'warning', revoked: 'danger' };
const STATUS_LABEL: Record<Invitation['status'], string> = { open: 'Open', used: 'Used', expired: 'Expired', revoked: 'Revoked' };

export function InvitationsSection({ slug, onChanged }: { slug: string; onChanged: () => Promise<void> }) {
  const list = useApi(() => api.call('listInvitations', { params: { slug } }), slug);
  const [created, setCreated] = useState<NewInvitation | null>(null);

  async function changed() {
    await Promise.all([list.reload(), onChanged()]);
  }

  return (
    <Section id="invitations" title="Invitations" description="Each link lets one person join, once. Send it to them privately, for example by text message.">
      <div className="grid-2">
        <CreateInvitation
          slug={slug}
          onCreated={(inv) => {
            setCreated(inv);
            void changed();
          }}
          created={created}
        />
        <div className="stack">
          <h3>Links you made</h3>
          {list.status === 'loading' ? <Loading label="Loading invitations…" /> : null}
          {list.status === 'error' ? (
            <Alert tone="error" title="Could not load invitations.">
              <p>{errorMessage(list.error)}</p>
            </Alert>
          ) : null}
          {list.status === 'ok' && list.data.items.length === 0 ? <EmptyState title="No invitations yet." /> : null}
          {list.status === 'ok' && list.data.items.length > 0 ? <InvitationTable slug={slug} items={list.data.items} onChanged={changed} /> : null}
        </div>
      </div>
    </Section>
  );
}

function CreateInvitation({ slug, created, onCreated }: { slug: string; created: NewInvitation | null; onCreated: (inv: NewInvitation) => void }) {
  const [role, setRole] = useState<Role>('member');
  const [days, setDays] = useState('14');
  const [note, setNote] = useState('');
  const form = useForm(['role', 'expiresInDays', 'note']);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = Number(days);
    await form.submit(
      async () => {
        const inv = await api.call('createInvitation', { params: { slug }, body: { role, expiresInDays: n, note: note.trim() } });
        setNote('');
        onCreated(inv);
      },
      () => (Number.isInteger(n) && n >= 1 && n <= 90 ? {} : { expiresInDays: 'Enter a whole number of days from 1 to 90.' }),
    );
  }

  return (
    <Card className="stack">
      <h3 id="new-invitation-title">Create an invitation link</h3>
      {created ? (
        <Alert tone="success" title={`Link for a new ${roleLabel(created.role).toLowerCase()} created.`}>
          <CopyField
            label="Invitation link"
            value={`${window.location.origin}${created.path}`}
            hint={`Shown only this once: copy it now. It works until ${formatDate(created.expiresAt)}.`}
          />
        </Alert>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="new-invitation-title">
        <FormError problem={form.problem} labels={LABELS} idPrefix="inv-" />
        <SelectField
          id="inv-role"
          name="role"
          label={LABELS.role}
          hint="Most people join as members."
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          error={form.fieldError('role')}
        />
        <TextField
          id="inv-expiresInDays"
          name="expiresInDays"
          className="field-narrow"
          label={LABELS.expiresInDays}
          hint="From 1 to 90."
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={form.fieldError('expiresInDays')}
        />
        <TextField
          id="inv-note"
          name="note"
          label={LABELS.note}
          hint="Only stewards see it, e.g. who the link is for."
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={form.fieldError('note')}
        />
        <div className="form-actions">
          <Button type="submit" busy={form.busy}>
            {form.busy ? 'Creating…' : 'Create invitation link'}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function InvitationTable({ slug, items, onChanged }: { slug: string; items: Invitation[]; onChanged: () => Promise<void> }) {
  const columns: Column<Invitation>[] = [
    { key: 'role', label: 'Role', rowHeader: true, cell: (i) => roleLabel(i.role) },
    { key: 'note', label: 'Note', cell: (i) => i.note || <span className="muted">No note</span> },
    { key: 'status', label: 'Status', cell: (i) => <Badge tone={STATUS_TONE[i.status]}>{STATUS_LABEL[i.status]}</Badge> },
    { key: 'created', label: 'Created', cell: (i) => formatDateTime(i.createdAt) },
    { key: 'expires', label: 'Expires', cell: (i) => (i.usedAt ? `Used ${formatDateTime(i.usedAt)}` : formatDateTime(i.expiresAt)) },
    { key: 'actions', label: 'Actions', noLabel: true, cell: (i) => (i.status === 'open' ? <ConfirmButton label="Revoke" what={`${roleLabel(i.role).toLowerCase()} invitation${i.note ? ` “${i.note}”` : ''}`} onConfirm={async () => { await api.call('revokeInvitation', { params: { slug, invitationId: i.id } }); await onChanged(); }} /> : null) },
  ];
  return <Table caption="Invitation links" hideCaption columns={columns} rows={items} rowKey={(i) => i.id} />;
}
