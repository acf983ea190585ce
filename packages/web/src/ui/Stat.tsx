import type { ReactNode } from 'react';

/** A list of figures. Each Stat is a term (label) and its value; the value is shown on top. */
export function StatGroup({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <dl className={wide ? 'stats stats-wide' : 'stats'} aria-label={label}>
      {children}
    </dl>
  );
}

export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="stat">
      <dt className="stat-label">
        {label}
        {hint ? <span className="stat-hint"> · {hint}</span> : null}
      </dt>
      <dd className="stat-value">{value}</dd>
    </div>
  );
}
