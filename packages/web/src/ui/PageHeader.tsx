import type { ReactNode } from 'react';
import { Link } from '../lib/router.tsx';

/** The top of a page: optional back link, the one h1, and a lede. */
export function PageHeader({ title, lede, back, children }: { title: ReactNode; lede?: ReactNode; back?: { to: string; label: string }; children?: ReactNode }) {
  return (
    <div className="page-header">
      {back ? (
        <Link to={back.to} className="back-link">
          <span aria-hidden="true">←&nbsp;</span>
          {back.label}
        </Link>
      ) : null}
      <h1>{title}</h1>
      {children}
      {lede ? <p className="lede">{lede}</p> : null}
    </div>
  );
}

export function Section({ id, title, description, children, action }: { id: string; title: string; description?: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <div className="cluster-between">
        <div className="section-header">
          <h2 id={`${id}-title`}>{title}</h2>
          {description ? <p>{description}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}
