import { useMemo } from 'react';
import { formatDayRange, formatMinor, moneyIn, type InsightsFigures, type MemberInsights } from '../../lib/insights.ts';
import { formatHours, formatInteger, formatKm, formatShare, otherPayMinor, periodName, waitingShare } from './format.ts';
import { Section, Table, type Column } from '../../ui/index.ts';

interface Row {
  key: string;
  name: string;
  f: InsightsFigures;
}

/** Every figure of every period, newest first, after the totals; stacked cards on a phone. */
export function PeriodsTable({ ins, currency }: { ins: MemberInsights; currency: string | null }) {
  const kind = ins.period;
  const columns = useMemo<Column<Row>[]>(() => {
    const money = (f: InsightsFigures) => moneyIn(f, currency);
    const m = (v: number | null | undefined) => formatMinor(v, currency);
    const all = moneyIn(ins.totals, currency);
    const cols: Column<Row>[] = [
      { key: 'period', label: kind === 'week' ? 'Week' : 'Month', rowHeader: true, cell: (r) => r.name },
      { key: 'net', label: 'Net earnings', numeric: true, cell: (r) => m(money(r.f)?.netMinor) },
      { key: 'fares', label: 'Fares', numeric: true, cell: (r) => m(money(r.f)?.grossFaresMinor) },
      {
        key: 'commission',
        label: 'Commission',
        numeric: true,
        cell: (r) => {
          const x = money(r.f);
          return x ? `${m(x.commissionMinor)}${x.commissionShare !== null ? ` (${formatShare(x.commissionShare)})` : ''}` : m(null);
        },
      },
      { key: 'tips', label: 'Tips', numeric: true, cell: (r) => m(money(r.f)?.tipsMinor) },
      { key: 'bonuses', label: 'Bonuses', numeric: true, cell: (r) => m(money(r.f)?.bonusesMinor) },
    ];
    if (all && otherPayMinor(all) !== 0) cols.push({ key: 'other', label: 'Fees, taxes, adjustments', numeric: true, cell: (r) => { const x = money(r.f); return m(x ? otherPayMinor(x) : null); } });
    if (all && all.payoutsMinor !== 0) cols.push({ key: 'payouts', label: 'Paid to your bank', numeric: true, cell: (r) => m(money(r.f)?.payoutsMinor) });
    cols.push(
      { key: 'online', label: 'Online', numeric: true, cell: (r) => formatHours(r.f.time.onlineSeconds) },
      { key: 'engaged', label: 'Engaged', numeric: true, cell: (r) => formatHours(r.f.time.engagedSeconds) },
      {
        key: 'waiting',
        label: 'Waiting (unpaid)',
        numeric: true,
        cell: (r) => (r.f.time.onlineSeconds > 0 ? `${formatHours(r.f.time.waitingSeconds)} (${formatShare(waitingShare(r.f))})` : formatHours(0)),
      },
      { key: 'per-online', label: 'Net per hour online', numeric: true, cell: (r) => m(money(r.f)?.netPerOnlineHourMinor) },
      { key: 'per-engaged', label: 'Net per hour engaged', numeric: true, cell: (r) => m(money(r.f)?.netPerEngagedHourMinor) },
      {
        key: 'trips',
        label: 'Trips',
        numeric: true,
        cell: (r) => `${formatInteger(r.f.tasks.completed)}${r.f.tasks.cancelled ? ` (${formatInteger(r.f.tasks.cancelled)} cancelled)` : ''}`,
      },
      { key: 'km', label: 'Kilometres', numeric: true, cell: (r) => formatKm(r.f.tasks.distanceKm) },
      { key: 'per-km', label: 'Net per km', numeric: true, cell: (r) => m(money(r.f)?.netPerKmMinor) },
    );
    if (ins.expensesPerKm) {
      cols.push(
        { key: 'costs', label: 'Your costs', numeric: true, cell: (r) => m(money(r.f)?.expensesMinor) },
        { key: 'after-costs', label: 'Net after costs', numeric: true, cell: (r) => m(money(r.f)?.netAfterExpensesMinor) },
        { key: 'after-costs-hour', label: 'After costs, per hour online', numeric: true, cell: (r) => m(money(r.f)?.netAfterExpensesPerOnlineHourMinor) },
      );
    }
    if (ins.totals.shifts.shifts > 0) {
      cols.push(
        { key: 'shifts', label: 'Shifts', numeric: true, cell: (r) => formatInteger(r.f.shifts.shifts) },
        { key: 'worked', label: 'Worked (breaks out)', numeric: true, cell: (r) => formatHours(r.f.shifts.workedSeconds) },
        { key: 'contracted', label: 'Contracted', numeric: true, cell: (r) => formatHours(r.f.shifts.contractedSeconds) },
        { key: 'overtime', label: 'Over (+) or under (−) contract', numeric: true, cell: (r) => `${r.f.shifts.overtimeSeconds > 0 ? '+' : ''}${formatHours(r.f.shifts.overtimeSeconds)}` },
      );
    }
    return cols;
  }, [ins, currency, kind]);

  const rows = useMemo<Row[]>(() => {
    const range = ins.totals.from && ins.totals.to ? ` (${formatDayRange(ins.totals.from, ins.totals.to)})` : '';
    const total: Row = { key: 'total', name: `All ${kind}s${range}`, f: ins.totals };
    return [total, ...ins.periods.map((p) => ({ key: p.key, name: periodName(p, kind), f: p })).reverse()];
  }, [ins, kind]);

  const title = kind === 'week' ? 'Week by week' : 'Month by month';
  return (
    <Section id="periods" title={title} description={`Every figure for each ${kind}, newest first, after the totals.`}>
      <div className="insights-periods">
        <Table caption={`Your pay and hours, ${kind} by ${kind}`} hideCaption columns={columns} rows={rows} rowKey={(r) => r.key} />
      </div>
    </Section>
  );
}
