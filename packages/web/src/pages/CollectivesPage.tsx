import { useState, type FormEvent } from 'react';
import { schemas } from '@steward/contract';
import { api } from '../lib/api.ts';
import { kindLabel } from '../lib/format.ts';
import { useForm } from '../lib/forms.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useMe, useSession } from '../lib/session.tsx';
import type { CollectiveKind } from '../lib/types.ts';
import { useTitle } from '../lib/useTitle.ts';
import { Badge, Button, Card, EmptyState, FormError, PageHeader, RoleBadges, Section, SelectField, TextAreaField, TextField } from '../ui/index.ts';

export function CollectivesPage() {
  const me = useMe();
  useTitle('Your collectives');
  const many = me.collectives.length > 0;
  return (
    <>
      <PageHeader
        title={many ? 'Choose a collective' : 'Welcome to Steward'}
        lede={many ? 'You belong to these collectives. Pick one to see your data there.' : 'You are not in a collective yet. Open an invitation link from your union or co-op, or start a collective yourself.'}
      />
      <div className="sections">
        {many ? (
          <Section id="mine" title="Your collectives">
            <ul className="grid">
              {me.collectives.map((c) => (
                <Card as="li" key={c.id} className="stack-sm">
                  <h3>
                    <Link to={`/c/${encodeURIComponent(c.slug)}`}>{c.name}</Link>
                  </h3>
                  <div className="cluster">
                    <Badge>{kindLabel(c.kind)}</Badge>
                    <RoleBadges roles={c.roles} label={`Your roles in ${c.name}`} />
                  </div>
                  {c.description ? <p className="muted">{c.description}</p> : null}
                </Card>
              ))}
            </ul>
          </Section>
        ) : (
          <EmptyState title="No collectives yet">
            <p>When a steward sends you an invitation link, open it to join.</p>
          </EmptyState>
        )}
        <Section id="create" title="Create a collective" description="Start a new collective. You become its first steward and member, and can then add datasets and invite people.">
          <CreateCollectiveForm />
        </Section>
      </div>
    </>
  );
}

const LABELS = { name: 'Name', slug: 'Web address', kind: 'Kind of collective', description: 'Description (optional)' };
const KINDS = schemas.CollectiveKind.options;

function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

function CreateCollectiveForm() {
  const { refresh } = useSession();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [kind, setKind] = useState<CollectiveKind>('cooperative');
  const [description, setDescription] = useState('');
  const form = useForm(['name', 'slug', 'kind', 'description']);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await form.submit(
      async () => {
        const created = await api.call('createCollective', { body: { name: name.trim(), slug: slug.trim(), kind, description: description.trim() || undefined } });
        await refresh();
        navigate(`/c/${encodeURIComponent(created.slug)}/steward`);
      },
      () => ({
        ...(name.trim() ? {} : { name: 'Give the collective a name.' }),
        ...(slug.trim() ? {} : { slug: 'Choose a web address.' }),
      }),
    );
  }

  return (
    <Card className="form-card">
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="create-title">
        <FormError problem={form.problem} labels={LABELS} idPrefix="create-" />
        <TextField
          id="create-name"
          name="name"
          label={LABELS.name}
          hint="For example: Riders’ Union Leeds"
          maxLength={120}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
          error={form.fieldError('name')}
        />
        <TextField
          id="create-slug"
          name="slug"
          label={LABELS.slug}
          hint={`Short name used in links: /c/${slug || 'riders-leeds'}. Lower-case letters, numbers and dashes.`}
          maxLength={48}
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
          error={form.fieldError('slug')}
        />
        <SelectField
          id="create-kind"
          name="kind"
          label={LABELS.kind}
          value={kind}
          onChange={(e) => setKind(e.target.value as CollectiveKind)}
          options={KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          error={form.fieldError('kind')}
        />
        <TextAreaField
          id="create-description"
          name="description"
          label={LABELS.description}
          hint="What the collective is for, in a sentence or two. Members see this."
          maxLength={4000}
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={form.fieldError('description')}
        />
        <div className="form-actions">
          <Button type="submit" busy={form.busy}>
            {form.busy ? 'Creating…' : 'Create collective'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
