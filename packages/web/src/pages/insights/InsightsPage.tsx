import { useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../lib/api.ts';
import { hasPlatformOrShifts, loadSettings, mainCurrency, saveSettings, workplaceParam, type InsightsSettings, type MemberInsights } from '../../lib/insights.ts';
import { formatInteger, parseCostPerKm } from './format.ts';
import { useTitle } from '../../lib/useTitle.ts';
import { Alert, Button, ButtonLink, EmptyState, Loading, PageHeader, Section } from '../../ui/index.ts';
import { LoadError } from '../LoadError.tsx';
import { ChartPanel, preloadCharts } from './ChartPanel.tsx';
import { buildCharts } from './chartSpecs.ts';
import { Headline } from './Headline.tsx';
import { InsightsControls } from './InsightsControls.tsx';
import { PeriodsTable } from './PeriodsTable.tsx';
import { useInsights, type InsightsQuery } from './useInsights.ts';
import { WorkplaceSection } from './WorkplaceSection.tsx';
import './insights.css';

/** The currency shown: the member's choice when the pay has it, else the one most pay is in. */
function pickCurrency(ins: MemberInsights | null, chosen: string | null): string | null {
  if (!ins) return chosen;
  if (chosen && ins.totals.money.some((m) => m.currency === chosen)) return chosen;
  return mainCurrency(ins.totals) ?? chosen;
}

const DATASET_WORDS: Record<string, [string, string]> = {
  work_tasks: ['trip or task', 'trips and tasks'],
  pay_items: ['pay line', 'pay lines'],
  time_segments: ['stretch of time online', 'stretches of time online'],
  shifts: ['shift', 'shifts'],
  location_points: ['location point', 'location points'],
};

function countWords(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => `${formatInteger(n)} ${(DATASET_WORDS[d] ?? [d, d])[n === 1 ? 0 : 1]}`)
    .join(', ');
}

/** `/c/:slug/insights`: the member's real pay and hours, from their own records. */
export function InsightsPage({ slug }: { slug: string }) {
  useTitle('Your pay and hours');
  const [settings, setSettings] = useState<InsightsSettings>(() => loadSettings(slug));
  const update = (change: Partial<InsightsSettings>) =>
    setSettings((s) => {
      const next = { ...s, ...change };
      saveSettings(slug, next);
      return next;
    });

  useEffect(preloadCharts, []);

  // The currency is known once the first answer is in; costs are sent in it from then on.
  const [known, setKnown] = useState<MemberInsights | null>(null);
  const currency = pickCurrency(known, settings.currency);
  const cost = currency ? parseCostPerKm(settings.costPerKm, currency) : null;
  const query: InsightsQuery = { period: settings.period, timeZone: settings.timeZone };
  if (settings.workplace) query.workplace = workplaceParam(settings.workplace);
  if (cost && 'minor' in cost && currency) {
    query.expensesPerKmMinor = cost.minor;
    query.currency = currency;
  }
  const state = useInsights(slug, query);
  const ins = state.data;
  useEffect(() => {
    if (!ins) return;
    setKnown(ins);
    // Remember the currency once known, so costs go with the first request next time.
    const main = mainCurrency(ins.totals);
    if (!settings.currency && main) update({ currency: main });
  }, [ins]);

  // Periods with nothing but time at a workplace in them stay out of the pay charts and table.
  const payView = useMemo(() => (ins ? { ...ins, periods: ins.periods.filter(hasPlatformOrShifts) } : null), [ins]);
  const charts = useMemo(() => (payView && payView.periods.length > 0 ? buildCharts(payView, currency, payView.period) : []), [payView, currency]);

  const back = { to: `/c/${encodeURIComponent(slug)}`, label: ins ? `Back to ${ins.collective.name}` : 'Back to your collective' };
  const header = (
    <PageHeader
      title="Your pay and hours"
      back={back}
      lede="What you really earn per hour, and what the platform keeps, worked out from your own records. Only you can see these figures."
    />
  );

  if (!ins) {
    // A choice the server refused (a time zone it does not know): the choices stay, to change it.
    if (state.error instanceof ApiError && state.error.status === 400) {
      return (
        <>
          {header}
          <div className="stack-lg">
            <InsightsControls settings={settings} onChange={update} currencies={[]} currency={currency} costError={undefined} />
            <LoadError error={state.error} what="your pay and hours with these choices" onRetry={state.reload} />
          </div>
        </>
      );
    }
    if (state.error) return <LoadError page error={state.error} what="your pay and hours" onRetry={state.reload} />;
    return (
      <>
        {header}
        <Loading label="Working out your pay and hours…" />
      </>
    );
  }

  if (ins.periods.length === 0 && ins.places.top.length === 0) {
    const skipped = countWords(ins.records.skipped);
    return (
      <>
        {header}
        <EmptyState
          title="No pay or hours to show yet"
          action={
            <ButtonLink to={`/c/${encodeURIComponent(slug)}/import`}>Import your data</ButtonLink>
          }
        >
          <p>
            Your pay per hour is worked out from the records you bring: trips, pay lines and the time you were logged in. Download your data from Uber, Uber Eats or Wolt
            (‘Download your data’) and import the file here. A WeClock export or a Google location history gives your time at your workplace.
          </p>
          {skipped ? <p>Some records could not be read and were left out: {skipped}.</p> : null}
        </EmptyState>
      </>
    );
  }

  const currencies = ins.totals.money.map((m) => m.currency);
  // A member with only location points sees their time at the workplace, not empty pay figures.
  const platform = hasPlatformOrShifts(ins.totals);
  const used = countWords(ins.records.used);
  const skipped = countWords(ins.records.skipped);
  return (
    <>
      {header}
      <div className="stack-lg">
        <InsightsControls settings={settings} onChange={update} currencies={currencies} currency={currency} costError={cost && 'error' in cost ? cost.error : undefined}>
          <p className="insights-status small muted" role="status">
            {state.loading ? 'Updating your figures…' : ''}
          </p>
        </InsightsControls>
        {state.error ? (
          <Alert tone="error" title="Could not update your figures">
            <p>{errorMessage(state.error)}</p>
            <div>
              <Button variant="secondary" onClick={state.reload}>
                Try again
              </Button>
            </div>
          </Alert>
        ) : null}
        <div className="sections insights-body" aria-busy={state.loading || undefined}>
          {platform ? (
            <>
              <Headline ins={ins} currency={currency} />
              <Section
                id="charts"
                title="Over time"
                description={`Each ${ins.period}, oldest on the left. Point at a chart (or tap it) to read a ${ins.period}’s figures; “Show as table” gives all the numbers.`}
              >
                <div className="chart-grid">
                  {charts.map((c) => (
                    <ChartPanel key={c.id} spec={c} />
                  ))}
                </div>
              </Section>
              <PeriodsTable ins={payView ?? ins} currency={currency} />
            </>
          ) : null}
          {ins.places.top.length > 0 ? <WorkplaceSection ins={ins} chosen={settings.workplace} onChoose={(workplace) => update({ workplace })} /> : null}
          <Section id="about" title="Where these figures come from">
            <ul className="insights-notes">
              <li>From {used || 'none'} of your records{skipped ? `; left out because a time, amount or currency could not be read: ${skipped}` : ''}.</li>
              <li>Pay is counted in the {ins.period} it was paid; time and trips in the {ins.period} they happened, cut at midnight in {ins.timeZone.replaceAll('_', ' ')}.</li>
              <li>Time logged in to two apps at once counts once.</li>
              {ins.places.points > 0 ? (
                <li>
                  Places: your location points within {ins.places.radiusM} m of a place’s centre belong to it; the time between two points in a row at the same place, at most{' '}
                  {ins.places.maxGapSeconds / 3600} hours apart, counts there.
                </li>
              ) : null}
              <li>
                Money is in {currency ?? 'the currency of your pay'}
                {currencies.length > 1 ? `; your pay is also in ${currencies.filter((c) => c !== currency).join(', ')}` : ''}.
              </li>
            </ul>
          </Section>
        </div>
      </div>
    </>
  );
}
