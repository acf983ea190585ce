import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: ReactNode;
  /** Help shown under the label, read out with the control. */
  hint?: ReactNode;
  /** Error shown under the control and bound to it by aria-describedby. */
  error?: string;
  className?: string;
}

/** Label, hint and error for one control; the control gets the ids it needs. */
function FieldShell({ label, hint, error, className, id, children }: FieldProps & { id: string; children: (describedBy: string | undefined) => ReactNode }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children(describedBy)}
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> & { name: string };

export function TextField({ label, hint, error, className, id, ...input }: TextFieldProps) {
  const auto = useId();
  const fid = id ?? `f${auto}`;
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} id={fid}>
      {(describedBy) => <input id={fid} className="field-control" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />}
    </FieldShell>
  );
}

type SelectFieldProps = FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> & { name: string; options: Array<{ value: string; label: string }> };

export function SelectField({ label, hint, error, className, id, options, ...select }: SelectFieldProps) {
  const auto = useId();
  const fid = id ?? `f${auto}`;
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} id={fid}>
      {(describedBy) => (
        <select id={fid} className="field-control" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'> & { name: string };

export function TextAreaField({ label, hint, error, className, id, ...area }: TextAreaFieldProps) {
  const auto = useId();
  const fid = id ?? `f${auto}`;
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} id={fid}>
      {(describedBy) => <textarea id={fid} className="field-control" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...area} />}
    </FieldShell>
  );
}
