import { api, ApiError } from '../../lib/api.ts';
import { formatDayRange, formatMinor, loadSettings, recentWeeks } from '../../lib/insights.ts';
import { useApi } from '../../lib/useApi.ts';
import { ButtonLink, Card } from '../../ui/index.ts';
import './insights-home.css';

/**
 * The member home's way in to "Your pay and hours", with its headline: net and net per hour
 * logged in over the last four weeks of the member's records.
 */
export function InsightsHomeCard({ slug }: { slug: string }) {
  const { timeZone } = loadSettings(slug);
  const ins = useApi(() => api.call('memberInsights', { params: { slug }, query: { period: 'week', timeZone } }), `${slug} ${timeZone}`);
  // Someone who is not a member here (a requester, an auditor) has no pay to show.
  if (ins.status === 'error' && ins.error instanceof ApiError && ins.error.status === 403) return null;
  const recent = ins.status === 'ok' ? recentWeeks(ins.data) : null;

  let body;
  if (ins.status === 'loading') body = <p className="pay-card-headline muted">Working out your last 4 weeks…</p>;
  else if (ins.status === 'error') body = <p className="pay-card-headline muted">Your figures could not be worked out just now.</p>;
  else if (!recent) {
    body = <p className="pay-card-headline">See what you really earn per hour once you import your trips and pay.</p>;
  } else {
    body = (
      <>
        <p className="pay-card-headline">
          Last 4 weeks: <strong>{formatMinor(recent.netMinor, recent.currency)}</strong> net
          {recent.perOnlineHourMinor !== null ? (
            <>
              , <strong>{formatMinor(recent.perOnlineHourMinor, recent.currency)}</strong> per hour logged in
            </>
          ) : null}
        </p>
        <p className="small muted">{formatDayRange(recent.from, recent.to)}: the latest 4 weeks in your records.</p>
      </>
    );
  }

  return (
    <Card as="section" accent className="pay-card" aria-labelledby="pay-card-title" aria-busy={ins.status === 'loading' || undefined}>
      <div className="stack-sm pay-card-text">
        <h2 id="pay-card-title">Your pay and hours</h2>
        {body}
      </div>
      <div>
        <ButtonLink to={`/c/${encodeURIComponent(slug)}/insights`} variant="secondary">
          See your pay and hours
        </ButtonLink>
      </div>
    </Card>
  );
}
