import type { ButtonHTMLAttributes } from 'react';
import { Link } from '../lib/router.tsx';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface Common {
  variant?: Variant;
  small?: boolean;
  block?: boolean;
}

export function buttonClass({ variant = 'primary', small, block }: Common, extra?: string): string {
  return ['btn', `btn-${variant}`, small && 'btn-small', block && 'btn-block', extra].filter(Boolean).join(' ');
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> &
  Common & {
    /** Work in progress: the button stays focusable but ignores clicks, and says so. */
    busy?: boolean;
  };

export function Button({ variant, small, block, busy, className, type = 'button', onClick, children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClass({ variant, small, block }, className)}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
      {...rest}
    >
      {children}
    </button>
  );
}

/** A link that looks like a button (it navigates; it does not act). */
export function ButtonLink({ to, variant, small, block, className, children, ...rest }: Common & { to: string; className?: string; children: React.ReactNode; 'aria-label'?: string }) {
  return (
    <Link to={to} className={buttonClass({ variant, small, block }, className)} {...rest}>
      {children}
    </Link>
  );
}
