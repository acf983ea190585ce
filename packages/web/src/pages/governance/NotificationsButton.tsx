import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { Button } from '../../ui/index.ts';
import type { Notification } from './model.ts';
import './governance.css';

const KIND_WORDS: Record<Notification['kind'], string> = {
  'proposal.opened': 'Vote opened',
  'proposal.closing_soon': 'Closes within a day',
  'proposal.decided': 'Decided',
};

/** The header's notices: unread count on the button, the list in a panel, "Mark all read". */
export function NotificationsButton({ slug }: { slug: string }) {
  const { pathname } = useLocation();
  const notes = useApi(() => api.call('notifications', { params: { slug } }), `${slug}/notifications`);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const reload = notes.reload;

  // A fresh look on every page change and every half minute, so a vote that opens shows up.
  useEffect(() => {
    void reload();
    setOpen(false);
  }, [pathname, reload]);
  useEffect(() => {
    const t = setInterval(() => void reload(), 30_000);
    return () => clearInterval(t);
  }, [reload]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => wrap.current && !wrap.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  const unread = notes.data?.unread ?? 0;
  const items = notes.data?.items ?? [];
  return (
    <div className="notif" ref={wrap}>
      <Button variant="ghost" small className="notif-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Notices
        {unread > 0 ? (
          <span className="notif-count">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        ) : null}
      </Button>
      <div id={panelId} className="notif-panel" hidden={!open} role="region" aria-label="Notices">
        {items.length === 0 ? (
          <p className="muted">No notices yet. You get one when a vote opens, is about to close, or is decided.</p>
        ) : (
          <ul className="notif-list">
            {items.map((n) => (
              <li key={n.id}>
                <Link to={`/c/${encodeURIComponent(slug)}/proposals/${encodeURIComponent(n.proposalId)}`} className={n.readAt ? undefined : 'notif-unread'}>
                  {KIND_WORDS[n.kind]}: {n.title}
                  <span className="small muted"> · {formatDateTime(n.createdAt)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {unread > 0 ? (
          <Button
            variant="secondary"
            small
            onClick={() => void api.call('markNotificationsRead', { params: { slug } }).then(reload, reload)}
          >
            Mark all read
          </Button>
        ) : null}
      </div>
    </div>
  );
}
