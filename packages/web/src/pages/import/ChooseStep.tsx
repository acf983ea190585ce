import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { formatBytes } from '../../lib/format.ts';
import type { UploadProgress } from '../../lib/upload.ts';
import { Button, SelectField } from '../../ui/index.ts';
import { ImportProblemAlert, type ImportProblem } from './problem.tsx';

/** The browser's own time zone, e.g. Europe/Paris; UTC when it does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function timeZoneOptions(current: string): Array<{ value: string; label: string }> {
  let zones: string[] = [];
  try {
    zones = [...Intl.supportedValuesOf('timeZone')];
  } catch {
    // an old browser: the zone it is in, and UTC
  }
  for (const z of [current, 'UTC']) if (z && !zones.includes(z)) zones.push(z);
  zones.sort();
  return zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}

interface ChooseStepProps {
  file: File | null;
  onFile: (file: File | null) => void;
  timezone: string;
  onTimezone: (zone: string) => void;
  onSubmit: () => void;
  onStop: () => void;
  /** null when idle; while sending, how far it got. */
  progress: UploadProgress | null;
  problem: ImportProblem | null;
  /** A sentence after a cancelled preview ("Nothing was stored."). */
  notice: string | null;
}

/** Step 1: a file (picked or dropped) and the zone its local times are in. */
export function ChooseStep({ file, onFile, timezone, onTimezone, onSubmit, onStop, progress, problem, notice }: ChooseStepProps) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [missing, setMissing] = useState(false);
  const zones = useMemo(() => timeZoneOptions(timezone), [timezone]);
  const busy = progress !== null;

  // A file dropped beside the drop area would make the browser open it and leave this page.
  useEffect(() => {
    const stop = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  // The input forgets its file when the step is shown again (after Cancel): keep them in step.
  useEffect(() => {
    if (!file && input.current) input.current.value = '';
  }, [file]);

  function pick(f: File | null) {
    setMissing(false);
    onFile(f);
  }

  function onDragOver(e: DragEvent<HTMLDivElement>) {
    if (busy || !e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    const f = e.dataTransfer.files[0];
    if (!f) return;
    // Show the dropped file in the input too, as if it had been chosen there.
    try {
      if (input.current) input.current.files = e.dataTransfer.files;
    } catch {
      // read-only `files` in an old browser: the name below still says which file it is
    }
    pick(f);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    onSubmit();
  }

  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <form className="form" aria-label="Choose a file" onSubmit={submit} noValidate>
      <ImportProblemAlert problem={problem} />
      {notice && !problem ? (
        <p className="alert alert-info" role="status">
          {notice}
        </p>
      ) : null}
      <div
        className={['dropzone', dragging && 'dropzone-active', busy && 'dropzone-busy'].filter(Boolean).join(' ')}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <label className="field-label" htmlFor={inputId}>
          Your file
        </label>
        <p className="field-hint" id={hintId}>
          A .zip, .csv or .json file, as the platform gave it to you: no need to unzip it. Choose it, or drag it here.
        </p>
        <input
          ref={input}
          id={inputId}
          className="file-input"
          type="file"
          name="file"
          accept=".zip,.csv,.json,application/zip,text/csv,application/json"
          disabled={busy}
          aria-describedby={[hintId, missing ? errorId : null].filter(Boolean).join(' ')}
          aria-invalid={missing || undefined}
          onChange={(e) => pick(e.currentTarget.files?.[0] ?? null)}
        />
        <p className="dropzone-file small" aria-live="polite">
          {file ? (
            <>
              <span className="visually-hidden">Chosen: </span>
              <strong className="break-anywhere">{file.name}</strong> <span className="muted">· {formatBytes(file.size)}</span>
            </>
          ) : dragging ? (
            'Drop the file to choose it.'
          ) : null}
        </p>
        {missing ? (
          <p className="field-error" id={errorId}>
            <span className="visually-hidden">Error: </span>Choose a file first.
          </p>
        ) : null}
      </div>

      <SelectField
        label="Time zone of the file"
        hint="The zone your platform export’s times are in: usually where you worked."
        name="timezone"
        className="field-zone"
        value={timezone}
        disabled={busy}
        onChange={(e) => onTimezone(e.currentTarget.value)}
        options={zones}
      />

      <div className="form-actions">
        <Button type="submit" busy={busy}>
          Check this file
        </Button>
        {progress ? (
          <Button variant="ghost" onClick={onStop}>
            Stop<span className="visually-hidden"> checking this file</span>
          </Button>
        ) : null}
      </div>
      <UploadStatus file={file} progress={progress} />
    </form>
  );
}

/**
 * Where the upload stands: a real progress bar while the bytes go, then "Reading your file…"
 * while the server reads it. One live region says each change of phase (not each percent: the
 * progress bar itself tells a screen reader that); its room is kept, so nothing below moves.
 */
function UploadStatus({ file, progress }: { file: File | null; progress: UploadProgress | null }) {
  const sending = progress !== null && !progress.sent;
  const reading = progress !== null && progress.sent;
  const percent = progress && progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : 0;
  return (
    <div className="upload-status">
      <p className={reading ? 'upload-phase loading-inline' : 'upload-phase small muted'} role="status">
        {reading ? <span className="spinner" aria-hidden="true" /> : null}
        {reading ? (
          'Reading your file…'
        ) : sending ? (
          <span className="break-anywhere">Sending {file?.name ?? 'your file'}…</span>
        ) : (
          'Nothing is stored yet: first you see what is in the file, then you choose whether to store it.'
        )}
      </p>
      {sending ? (
        <>
          <progress className="upload-progress" aria-label="Upload progress" max={Math.max(progress.total, 1)} value={progress.loaded}>
            {percent}%
          </progress>
          <p className="small upload-numbers">
            <strong>{percent}%</strong> <span className="muted">· {formatBytes(progress.loaded)} of {formatBytes(progress.total)}</span>
          </p>
        </>
      ) : null}
    </div>
  );
}
