import { useEffect } from 'react';

/** Sets the document title, which screen readers announce after a route change. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Steward` : 'Steward';
  }, [title]);
}
