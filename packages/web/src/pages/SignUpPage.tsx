import { useState, type FormEvent } from 'react';
import { useForm } from '../lib/forms.ts';
import { Link, navigate, Redirect, safeNext, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useTitle } from '../lib/useTitle.ts';
import { Button, Card, FormError, PageHeader, TextField } from '../ui/index.ts';

const LABELS = { displayName: 'Your name', email: 'Email address', password: 'Password' };
const MIN_PASSWORD = 10;

export function SignUpPage() {
  useTitle('Create an account');
  const { state, signUp } = useSession();
  const { search } = useLocation();
  const next = safeNext(search.get('next'));
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm(['displayName', 'email', 'password']);

  if (state.status === 'signed-in' && !form.busy) return <Redirect to={next} />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await form.submit(
      async () => {
        await signUp(displayName.trim(), email.trim(), password);
        navigate(next, { replace: true });
      },
      () => ({
        ...(displayName.trim() ? {} : { displayName: 'Enter your name.' }),
        ...(email.trim() ? {} : { email: 'Enter your email address.' }),
        ...(password.length >= MIN_PASSWORD ? {} : { password: `Use at least ${MIN_PASSWORD} characters.` }),
      }),
    );
  }

  const signInHref = search.get('next') ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
  return (
    <div className="main-narrow stack-lg">
      <PageHeader title="Create an account" lede="One account for all your collectives. Your data stays yours." />
      <Card>
        <form className="form" onSubmit={onSubmit} noValidate aria-label="Create an account">
          <FormError problem={form.problem} labels={LABELS} idPrefix="signup-" />
          <TextField
            id="signup-displayName"
            name="displayName"
            label={LABELS.displayName}
            hint="How other members and stewards see you."
            autoComplete="name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            error={form.fieldError('displayName')}
          />
          <TextField
            id="signup-email"
            name="email"
            type="email"
            label={LABELS.email}
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={form.fieldError('email')}
          />
          <TextField
            id="signup-password"
            name="password"
            type="password"
            label={LABELS.password}
            hint={`At least ${MIN_PASSWORD} characters. A few words you will remember work well.`}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.fieldError('password')}
          />
          <div className="form-actions">
            <Button type="submit" busy={form.busy} block>
              {form.busy ? 'Creating your account…' : 'Create account'}
            </Button>
          </div>
        </form>
      </Card>
      <p>
        Already have an account? <Link to={signInHref}>Sign in</Link>
      </p>
    </div>
  );
}
