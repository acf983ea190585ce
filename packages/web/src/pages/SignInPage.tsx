import { useState, type FormEvent } from 'react';
import { useForm } from '../lib/forms.ts';
import { Link, navigate, Redirect, safeNext, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useTitle } from '../lib/useTitle.ts';
import { Button, Card, FormError, PageHeader, TextField } from '../ui/index.ts';

const LABELS = { email: 'Email address', password: 'Password' };

export function SignInPage() {
  useTitle('Sign in');
  const { state, signIn } = useSession();
  const { search } = useLocation();
  const next = safeNext(search.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm(['email', 'password']);

  if (state.status === 'signed-in' && !form.busy) return <Redirect to={next} />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await form.submit(
      async () => {
        await signIn(email.trim(), password);
        navigate(next, { replace: true });
      },
      () => ({
        ...(email.trim() ? {} : { email: 'Enter your email address.' }),
        ...(password ? {} : { password: 'Enter your password.' }),
      }),
    );
  }

  const signUpHref = search.get('next') ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up';
  return (
    <div className="main-narrow stack-lg">
      <PageHeader title="Sign in" lede="Welcome back. Sign in to see your data and your collectives." />
      <Card>
        <form className="form" onSubmit={onSubmit} noValidate aria-label="Sign in">
          <FormError problem={form.problem} labels={LABELS} idPrefix="signin-" />
          <TextField
            id="signin-email"
            name="email"
            type="email"
            label={LABELS.email}
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={form.fieldError('email')}
          />
          <TextField
            id="signin-password"
            name="password"
            type="password"
            label={LABELS.password}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.fieldError('password')}
          />
          <div className="form-actions">
            <Button type="submit" busy={form.busy} block>
              {form.busy ? 'Signing in…' : 'Sign in'}
            </Button>
          </div>
        </form>
      </Card>
      <p>
        New to Steward? <Link to={signUpHref}>Create an account</Link>
      </p>
      <aside className="card stack-sm" aria-labelledby="demo-title">
        <h2 id="demo-title" className="small" style={{ fontSize: 'var(--text-base)' }}>
          Demo accounts
        </h2>
        <p className="muted small">
          On a demo server, sign in as <code>steward@demo.example</code> or <code>member@demo.example</code>. The password is printed by
          the server when it starts.
        </p>
      </aside>
    </div>
  );
}
