import { useEffect, useRef, type ReactNode } from 'react';

type AlertTone = 'error' | 'success' | 'warning' | 'info';

interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Move keyboard focus here when shown (form error summaries). */
  focus?: boolean;
}

/** A message box. Errors are announced at once (role=alert); others politely (role=status). */
export function Alert({ tone = 'info', title, children, focus }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={focus ? -1 : undefined}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  );
}
