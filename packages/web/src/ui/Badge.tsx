import type { ReactNode } from 'react';
import { roleLabel } from '../lib/format.ts';

export type Tone = 'neutral' | 'primary' | 'success' | 'warning' | 'danger' | 'info';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={tone === 'neutral' ? 'badge' : `badge badge-${tone}`}>{children}</span>;
}

const ROLE_TONES: Record<string, Tone> = { steward: 'primary', member: 'neutral', requester: 'info', auditor: 'warning' };

export function RoleBadges({ roles, label = 'Roles' }: { roles: readonly string[]; label?: string }) {
  if (roles.length === 0) return null;
  return (
    <span className="cluster" role="group" aria-label={label}>
      {roles.map((r) => (
        <Badge key={r} tone={ROLE_TONES[r] ?? 'neutral'}>
          {roleLabel(r)}
        </Badge>
      ))}
    </span>
  );
}
