/** The Steward mark: three people-dots held in one circle. Decorative; the word names it. */
export function Logo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="16" cy="10.5" r="3.2" fill="var(--color-primary)" />
      <circle cx="10.5" cy="19.5" r="3.2" fill="var(--color-primary)" />
      <circle cx="21.5" cy="19.5" r="3.2" fill="var(--color-primary)" />
    </svg>
  );
}
