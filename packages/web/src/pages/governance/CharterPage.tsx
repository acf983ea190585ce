import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Card, Loading, PageHeader, Section } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { CharterDiff } from './CharterDiff.tsx';
import './governance.css';

/** The charter in force in plain language beside its JSON, and every version with its diff. */
export function CharterPage({ slug }: { slug: string }) {
  const view = useApi(() => api.call('getCharter', { params: { slug } }), slug);
  const versions = useApi(() => api.call('charterVersions', { params: { slug } }), `${slug}/versions`);
  useTitle('Charter');
  const enc = encodeURIComponent(slug);
  const back = { to: `/c/${enc}/proposals`, label: 'Back to decisions' };
  if (view.status === 'loading') return <Loading label="Loading the charter…" />;
  if (view.status === 'error') return <LoadError page error={view.error} what="the charter" onRetry={view.reload} />;
  const c = view.data;

  return (
    <>
      <PageHeader
        title="Charter"
        back={back}
        lede={`${c.charter.title}. Version ${c.version}, in force since ${formatDateTime(c.adoptedAt)}. The software enforces it; only a vote changes it.`}
      />
      <div className="sections">
        <div className="charter-columns">
          <Section id="plain" title="In plain language">
            {c.charter.preamble ? <p>{c.charter.preamble}</p> : null}
            <ul className="charter-lines" aria-label="The charter in plain language">
              {c.description.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </Section>
          <Section id="json" title="As the software reads it">
            <details className="disclosure charter-json-details" open={typeof window !== 'undefined' && window.matchMedia('(min-width: 60rem)').matches}>
              <summary>Show the charter’s JSON</summary>
              <pre className="charter-json" tabIndex={0} aria-label="The charter as JSON">
                {JSON.stringify(c.charter, null, 2)}
              </pre>
            </details>
            <p className="small muted">
              Digest (SHA-256): <span className="mono break-anywhere">{c.digest}</span>, as written in the public log when it was adopted.
            </p>
          </Section>
        </div>
        <Section id="versions" title="Versions" description="Every version of the charter, newest first, with what each amendment changed.">
          {versions.status === 'loading' ? (
            <Loading label="Loading the versions…" />
          ) : versions.status === 'error' ? (
            <LoadError error={versions.error} what="the charter’s versions" onRetry={versions.reload} />
          ) : (
            <ol className="version-list" reversed>
              {[...versions.data.items].reverse().map((v) => (
                <Card as="li" key={v.version} aria-labelledby={`version-${v.version}`} className="stack-sm">
                  <h3 id={`version-${v.version}`}>Version {v.version}</h3>
                  <p className="small muted">
                    Adopted {formatDateTime(v.adoptedAt)}
                    {v.proposalId ? (
                      <>
                        {' by '}
                        <Link to={`/c/${enc}/proposals/${encodeURIComponent(v.proposalId)}`}>the amendment that changed it</Link>
                      </>
                    ) : ' when the collective was set up'}
                    .
                  </p>
                  {v.version > 1 ? <CharterDiff changes={v.changes} label={`Changes in version ${v.version}`} /> : null}
                </Card>
              ))}
            </ol>
          )}
        </Section>
      </div>
    </>
  );
}
