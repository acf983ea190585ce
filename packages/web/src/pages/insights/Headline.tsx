import type { ReactNode } from 'react';
import { formatDayRange, formatMinor, latestWorkPeriod, moneyIn, type InsightsFigures, type MemberInsights } from '../../lib/insights.ts';
import { formatHours, formatInteger, formatKm, formatShare, periodName, periodPhrase, periodTick, waitingShare } from './format.ts';
import { Section } from '../../ui/index.ts';

interface Metric {
  key: string;
  label: string;
  /** The figure over all the member's records. */
  value: (f: InsightsFigures) => string;
  /** A second line under it: what it is made of. */
  detail?: (f: InsightsFigures) => string | null;
  explain: ReactNode;
}

/**
 * The headline figures: each for all the member's records, with the latest period with work
 * under it, and what the figure means in plain words.
 */
export function Headline({ ins, currency }: { ins: MemberInsights; currency: string | null }) {
  const kind = ins.period;
  const latest = latestWorkPeriod(ins.periods);
  const latestName = latest ? (kind === 'week' ? `Week of ${periodTick(latest, 'week')}` : periodName(latest, 'month')) : null;
  const money = (f: InsightsFigures) => moneyIn(f, currency);
  const m = (minor: number | null | undefined) => formatMinor(minor, currency);
  const expenses = ins.expensesPerKm;
  const later = latest ? ins.periods.filter((p) => p.from > latest.from) : [];
  const laterPay = later.reduce((sum, p) => sum + (money(p)?.netMinor ?? 0), 0);

  const metrics: Metric[] = [
    {
      key: 'net',
      label: 'Net earnings',
      value: (f) => m(money(f)?.netMinor),
      detail: (f) => (money(f) ? `${formatInteger(f.tasks.completed)} ${f.tasks.completed === 1 ? 'trip' : 'trips'} completed` : 'No pay in your records'),
      explain: 'What the platforms paid you (fares, tips, bonuses) minus their commission and any fees or taxes they took. Transfers to your bank are not counted again.',
    },
    {
      key: 'per-online-hour',
      label: 'Net per hour online',
      value: (f) => m(money(f)?.netPerOnlineHourMinor),
      detail: (f) => `${formatHours(f.time.onlineSeconds)} online`,
      explain: (
        <>
          Net earnings ÷ hours online. <strong>Online</strong>: time logged in to the app, waiting or working.
        </>
      ),
    },
    {
      key: 'per-engaged-hour',
      label: 'Net per hour engaged',
      value: (f) => m(money(f)?.netPerEngagedHourMinor),
      detail: (f) => `${formatHours(f.time.engagedSeconds)} engaged`,
      explain: (
        <>
          Net earnings ÷ hours engaged. <strong>Engaged</strong>: on the way to a customer or on a trip.
        </>
      ),
    },
    {
      key: 'commission',
      label: 'Platform commission',
      value: (f) => formatShare(money(f)?.commissionShare),
      detail: (f) => {
        const x = money(f);
        return x && x.grossFaresMinor > 0 ? `${m(x.commissionMinor)} of ${m(x.grossFaresMinor)} in fares` : null;
      },
      explain: 'The share of your fares the platform kept as its commission.',
    },
    {
      key: 'waiting',
      label: 'Unpaid waiting',
      value: (f) => formatShare(waitingShare(f)),
      detail: (f) => (f.time.onlineSeconds > 0 ? `${formatHours(f.time.waitingSeconds)} of ${formatHours(f.time.onlineSeconds)} online` : null),
      explain: 'Time logged in but waiting for a job (waiting ÷ online). Nobody pays you for it.',
    },
    {
      key: 'km',
      label: 'Kilometres',
      value: (f) => formatKm(f.tasks.distanceKm),
      detail: (f) => (f.tasks.completedWithoutDistance > 0 ? `${formatInteger(f.tasks.completedWithoutDistance)} completed trips have no distance` : null),
      explain: 'The distance of your completed trips, as the platform recorded it.',
    },
    {
      key: 'per-km',
      label: 'Net per km',
      value: (f) => m(money(f)?.netPerKmMinor),
      explain: 'Net earnings ÷ kilometres of completed trips.',
    },
  ];
  if (expenses) {
    metrics.push({
      key: 'after-costs',
      label: 'Net after your costs',
      value: (f) => m(money(f)?.netAfterExpensesMinor),
      detail: (f) => {
        const x = money(f);
        if (!x || x.expensesMinor === null) return null;
        const perHour = x.netAfterExpensesPerOnlineHourMinor;
        return `Costs ${m(x.expensesMinor)}${perHour !== null ? ` · ${m(perHour)} per hour online` : ''}`;
      },
      explain: (
        <>
          Net earnings minus your costs ({formatMinor(expenses.amountMinor, expenses.currency)} per km) × kilometres of completed trips. Kilometres driven without a passenger may not be in your
          records, so your real costs can be higher.
        </>
      ),
    });
  }

  const range = ins.totals.from && ins.totals.to ? formatDayRange(ins.totals.from, ins.totals.to) : '';
  return (
    <Section
      id="glance"
      title="At a glance"
      description={
        <>
          The big figures cover all your records ({range}).
          {latest ? <> Under each: {kind === 'week' ? periodPhrase(latest, kind) : periodName(latest, kind)}, the latest {kind} you worked.</> : null}
          {later.length > 0 && laterPay !== 0 ? <> Pay counts in the {kind} it was paid: the {m(laterPay)} paid after it is in the totals only.</> : null}
        </>
      }
    >
      <ul className="metric-grid" aria-label="Headline figures">
        {metrics.map((x) => {
          const detail = x.detail?.(ins.totals) ?? null;
          const latestValue = latest ? x.value(latest) : null;
          return (
            <li key={x.key} className="metric" aria-labelledby={`metric-${x.key}`} data-metric={x.key}>
              <h3 id={`metric-${x.key}`} className="metric-label">
                {x.label}
              </h3>
              <p className="metric-value">{x.value(ins.totals)}</p>
              {detail ? <p className="metric-detail small">{detail}</p> : null}
              {latest && latestName ? (
                <p className="metric-latest small">
                  <span className="muted">{latestName}:</span> <strong data-latest>{latestValue}</strong>
                </p>
              ) : null}
              <p className="metric-explain small">{x.explain}</p>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
