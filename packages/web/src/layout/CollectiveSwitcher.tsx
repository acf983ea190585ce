import { useEffect, useRef } from 'react';
import { Link, useLocation } from '../lib/router.tsx';
import type { MyCollective } from '../lib/types.ts';
import { RoleBadges } from '../ui/index.ts';

/**
 * Which collective you are looking at, and a menu of the others. A disclosure of links rather
 * than a select, so choosing is an explicit action and works without a mouse.
 */
export function CollectiveSwitcher({ collectives, currentSlug }: { collectives: MyCollective[]; currentSlug: string | undefined }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const { href } = useLocation();
  const current = collectives.find((c) => c.slug === currentSlug);

  // Close after navigating, on Escape, and on a click outside.
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [href]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = ref.current;
      if (e.key === 'Escape' && el?.open) {
        el.open = false;
        el.querySelector('summary')?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      const el = ref.current;
      if (el?.open && !el.contains(e.target as Node)) el.open = false;
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);

  return (
    <details className="switcher" ref={ref}>
      <summary>
        {current ? <span className="switcher-caption">Collective</span> : null}
        <span className="switcher-current">{current ? current.name : 'Your collectives'}</span>
        <span className="visually-hidden">, switch collective</span>
      </summary>
      <div className="switcher-menu">
        <ul className="stack-sm" style={{ gap: 0 }}>
          {collectives.map((c) => (
            <li key={c.id}>
              <Link to={`/c/${encodeURIComponent(c.slug)}`} aria-current={c.slug === currentSlug ? 'true' : undefined}>
                <span className="switcher-name">{c.name}</span>
                <RoleBadges roles={c.roles} label={`Your roles in ${c.name}`} />
              </Link>
            </li>
          ))}
        </ul>
        {collectives.length > 0 ? <hr /> : null}
        <Link to="/collectives">All collectives, or create one</Link>
      </div>
    </details>
  );
}
