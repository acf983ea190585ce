import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { formatCount } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import type { ImportPreview, ImportResult } from '../../lib/types.ts';
import { uploadWithProgress, type UploadProgress } from '../../lib/upload.ts';
import { useApi } from '../../lib/useApi.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Loading, PageHeader } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { browserTimeZone, ChooseStep } from './ChooseStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { isAbort, toImportProblem, type ImportProblem } from './problem.tsx';
import { ResultStep } from './ResultStep.tsx';

type Step =
  | { name: 'choose' }
  | { name: 'preview'; preview: ImportPreview; timezone: string }
  | { name: 'result'; preview: ImportPreview; result: ImportResult };

const STEPS = [
  { name: 'choose', label: 'Choose' },
  { name: 'preview', label: 'Check' },
  { name: 'result', label: 'Store' },
] as const;

/**
 * "Bring your data": a member uploads a platform export, sees exactly what would be stored
 * (nothing is stored yet), and then stores it. Three steps on one page, one h2 each; moving to
 * a step puts focus on its heading.
 */
export function ImportPage({ slug }: { slug: string }) {
  const home = useApi(() => api.call('memberHome', { params: { slug } }), slug);
  const { expire } = useSession();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [file, setFile] = useState<File | null>(null);
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const upload = useRef<AbortController | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useTitle(step.name === 'choose' ? 'Bring your data' : step.name === 'preview' ? 'Check your file' : 'Records stored');

  // Leaving the page stops an upload under way.
  useEffect(() => () => upload.current?.abort(), []);

  // A new step: its heading takes focus (and the view), so nobody is left at a button that went away.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    heading.current?.focus();
  }, [step]);

  function go(next: Step) {
    moved.current = true;
    setProblem(null);
    setStep(next);
  }

  function fail(e: unknown, f?: File) {
    if (isAbort(e)) return;
    if (e instanceof ApiError && e.status === 401) {
      expire();
      return;
    }
    setProblem(toImportProblem(e, f));
  }

  async function check() {
    if (!file || progress) return;
    const controller = new AbortController();
    upload.current = controller;
    setProblem(null);
    setNotice(null);
    setProgress({ loaded: 0, total: file.size, sent: false });
    try {
      const preview = await uploadWithProgress('previewImport', { params: { slug }, query: { timezone }, file, fileName: file.name }, { onProgress: setProgress, signal: controller.signal });
      go({ name: 'preview', preview, timezone });
    } catch (e) {
      if (isAbort(e)) setNotice('Stopped. Nothing was stored.');
      fail(e, file);
    } finally {
      upload.current = null;
      setProgress(null);
    }
  }

  async function confirm() {
    if (step.name !== 'preview' || confirming) return;
    setConfirming(true);
    setProblem(null);
    try {
      const result = await api.call('confirmImport', { params: { slug, uploadId: step.preview.uploadId }, body: {} });
      go({ name: 'result', preview: step.preview, result });
    } catch (e) {
      fail(e);
    } finally {
      setConfirming(false);
    }
  }

  function restart(message: string | null) {
    setFile(null);
    setNotice(message);
    go({ name: 'choose' });
  }

  if (home.status === 'loading') return <Loading label="Loading your collective…" />;
  if (home.status === 'error') return <LoadError page error={home.error} what="this collective" onRetry={home.reload} />;
  const { collective, roles, datasets } = home.data;
  const current = STEPS.findIndex((s) => s.name === step.name);

  let title: string;
  if (step.name === 'choose') title = 'Choose your file';
  else if (step.name === 'preview') title = 'Check what is in your file';
  else title = `Stored ${formatCount(step.result.added)} new ${step.result.added === 1 ? 'record' : 'records'}; ${formatCount(step.result.duplicates)} you already had`;

  return (
    <>
      <PageHeader
        title="Bring your data"
        back={{ to: `/c/${encodeURIComponent(slug)}`, label: `Back to ${collective.name}` }}
        lede={`Add the records from a platform’s data export to your data in ${collective.name}. Only you can see your own records.`}
      />
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.name} className={i < current ? 'step step-done' : i === current ? 'step step-current' : 'step'} aria-current={i === current ? 'step' : undefined}>
            <span className="step-number" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            <span>
              {s.label}
              {i < current ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        ))}
      </ol>

      <section className="import-step stack" aria-labelledby="import-step-title">
        <h2 id="import-step-title" ref={heading} tabIndex={-1} className={step.name === 'result' ? 'import-done-title' : undefined}>
          {title}
        </h2>
        {step.name === 'choose' ? (
          <>
            <p className="muted import-intro">
              The ZIP or CSV you downloaded from Uber, Uber Eats or Wolt (‘Download your data’ in the app or on the website), a WeClock export, or your Google location history.
            </p>
            <ChooseStep
              file={file}
              onFile={(f) => {
                setFile(f);
                setProblem(null);
                setNotice(null);
              }}
              timezone={timezone}
              onTimezone={setTimezone}
              onSubmit={() => void check()}
              onStop={() => upload.current?.abort()}
              progress={progress}
              problem={problem}
              notice={notice}
            />
          </>
        ) : step.name === 'preview' ? (
          <PreviewStep
            slug={slug}
            preview={step.preview}
            timezone={step.timezone}
            isSteward={roles.includes('steward')}
            busy={confirming}
            problem={problem}
            onConfirm={() => void confirm()}
            onCancel={() => restart('Cancelled. Nothing was stored.')}
          />
        ) : (
          <ResultStep slug={slug} preview={step.preview} result={step.result} datasets={datasets} onAgain={() => restart(null)} />
        )}
      </section>
    </>
  );
}
