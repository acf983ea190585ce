import { useState } from 'react';
import { ApiError } from './api.ts';
import { errorMessage } from './api.ts';

export type FieldErrors = Record<string, string>;

export interface FormProblem {
  message: string;
  fields: FieldErrors;
  /** Field errors for fields the form does not show. */
  other: string[];
}

/** `body.schema.fields.0.name` → `schema.fields.0.name`; the form names its inputs the same way. */
function fieldKey(field: string): string {
  return field.replace(/^(body|params|query)[./]/, '').replace(/\//g, '.');
}

/** Turns a thrown error into a message for the Alert and errors next to the matching inputs. */
export function toProblem(e: unknown, knownFields: readonly string[]): FormProblem {
  const fields: FieldErrors = {};
  const other: string[] = [];
  if (e instanceof ApiError) {
    for (const err of e.errors) {
      const key = fieldKey(err.field);
      if (knownFields.includes(key)) fields[key] ??= err.message;
      else other.push(err.field ? `${err.field}: ${err.message}` : err.message);
    }
  }
  const message = e instanceof ApiError && e.code === 'validation_failed' && Object.keys(fields).length > 0 ? 'Please check the highlighted fields.' : errorMessage(e);
  return { message, fields, other };
}

/** State of one form: busy flag, problem, and a submit wrapper that fills them. */
export function useForm(knownFields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  async function submit(action: () => Promise<void>, validate?: () => Partial<FieldErrors>): Promise<boolean> {
    if (busy) return false;
    const local: FieldErrors = {};
    for (const [k, v] of Object.entries(validate?.() ?? {})) if (v) local[k] = v;
    if (Object.keys(local).length > 0) {
      setProblem({ message: 'Please check the highlighted fields.', fields: local, other: [] });
      return false;
    }
    setBusy(true);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (e) {
      setProblem(toProblem(e, knownFields));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, problem, setProblem, submit, fieldError: (name: string) => problem?.fields[name] };
}
