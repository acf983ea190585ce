import { formatMinor, hasWork, moneyIn, NONE, type InsightsPeriod, type MemberInsights, type PeriodKind } from '../../lib/insights.ts';
import { formatHours, formatInteger, formatMoneyTick, formatShare, formatShareTick, otherPayMinor, periodName, periodPhrase, periodTick } from './format.ts';

/**
 * What each chart shows, as plain data: its series, a title, a summary in words and the numbers
 * of its table. The chart library only draws these (UChart.tsx, loaded lazily).
 */

export interface ChartSeries {
  key: string;
  label: string;
  values: ReadonlyArray<number | null>;
  /** line; bar from zero (drawn in order, later over earlier); stack: bars stacked by sign. */
  kind: 'line' | 'bar' | 'stack';
  /** CSS custom property with its colour, e.g. `--chart-fares`. */
  color: string;
  dash?: boolean;
  /** A value in words, for the table and the readout. */
  format: (v: number | null) => string;
}

export interface ChartSpec {
  id: string;
  title: string;
  summary: string;
  /** Axis labels and full names of the periods, oldest first. */
  ticks: string[];
  names: string[];
  series: ChartSeries[];
  /** A tick of the value axis. */
  yTick: (v: number) => string;
  /** The value axis reaches at least this high, so a flat line does not look like a big swing. */
  yMinTop?: number;
  /** The period the readout shows until one is pointed at: the latest with work. */
  focus: number;
  /** Columns only the table has (e.g. waiting time, which the hours chart shows as a gap). */
  extraColumns?: Array<{ key: string; label: string; values: string[] }>;
}

interface Extreme {
  value: number;
  index: number;
}

/** Lowest and highest value, over the periods in `among` (all when not given). */
function extremes(values: ReadonlyArray<number | null>, among?: ReadonlyArray<boolean>): { min: Extreme; max: Extreme } | null {
  let min: Extreme | null = null;
  let max: Extreme | null = null;
  values.forEach((value, index) => {
    if (value === null || (among && !among[index])) return;
    if (!min || value < min.value) min = { value, index };
    if (!max || value > max.value) max = { value, index };
  });
  return min && max ? { min, max } : null;
}

const lastIndex = (values: ReadonlyArray<number | null>) => values.findLastIndex((v) => v !== null);

export function buildCharts(ins: MemberInsights, currency: string | null, kind: PeriodKind): ChartSpec[] {
  const periods = ins.periods;
  const unit = kind;
  const ticks = periods.map((p, i) => periodTick(p, kind, kind === 'month' && (i === 0 || p.from.slice(5, 7) === '01')));
  const names = periods.map((p) => periodName(p, kind));
  const phrase = (i: number) => periodPhrase(periods[i]!, kind);
  const money = (v: number | null) => formatMinor(v, currency);
  const moneyTick = (v: number) => (currency ? formatMoneyTick(v, currency) : String(v));
  const m = (p: InsightsPeriod) => moneyIn(p, currency);
  // A period with only pay in it (a bonus paid the Monday after) is no low or high of a week's work.
  const worked = periods.map(hasWork);
  const focus = worked.includes(true) ? worked.lastIndexOf(true) : periods.length - 1;
  const charts: ChartSpec[] = [];

  // 1. Net per online hour and per engaged hour -----------------------------------------------
  {
    const online = periods.map((p) => m(p)?.netPerOnlineHourMinor ?? null);
    const engaged = periods.map((p) => m(p)?.netPerEngagedHourMinor ?? null);
    const eo = extremes(online);
    const ee = extremes(engaged);
    const tot = moneyIn(ins.totals, currency);
    const parts: string[] = [];
    if (eo) {
      parts.push(`Per hour online, you made between ${money(eo.min.value)} (${phrase(eo.min.index)}) and ${money(eo.max.value)} (${phrase(eo.max.index)}).`);
      const li = lastIndex(online);
      parts.push(`In ${phrase(li)} it was ${money(online[li]!)}${tot?.netPerOnlineHourMinor != null ? `; over all your records, ${money(tot.netPerOnlineHourMinor)}` : ''}.`);
    }
    if (ee) parts.push(`Per hour engaged, between ${money(ee.min.value)} and ${money(ee.max.value)}.`);
    charts.push({
      id: 'per-hour',
      title: 'Net pay per hour',
      summary: parts.join(' ') || 'No time online in your records, so there is no pay per hour to show.',
      ticks,
      names,
      focus,
      yTick: moneyTick,
      series: [
        { key: 'online', label: 'Per hour online', values: online, kind: 'line', color: '--chart-rate-online', format: money },
        { key: 'engaged', label: 'Per hour engaged', values: engaged, kind: 'line', color: '--chart-rate-engaged', dash: true, format: money },
      ],
    });
  }

  // 2. Net per period, from its parts ---------------------------------------------------------
  {
    const val = (f: (x: NonNullable<ReturnType<typeof m>>) => number) => periods.map((p) => { const x = m(p); return x ? f(x) : null; });
    const fares = val((x) => x.grossFaresMinor);
    const tips = val((x) => x.tipsMinor);
    const bonuses = val((x) => x.bonusesMinor);
    const other = val(otherPayMinor);
    const commission = val((x) => (x.commissionMinor ? -x.commissionMinor : 0));
    const net = val((x) => x.netMinor);
    const hasOther = other.some((v) => v !== null && v !== 0);
    const en = extremes(net, worked);
    const tot = moneyIn(ins.totals, currency);
    const parts: string[] = [];
    if (en) parts.push(`Your net pay per ${unit} ranged from ${money(en.min.value)} (${phrase(en.min.index)}) to ${money(en.max.value)} (${phrase(en.max.index)}).`);
    if (tot) {
      const bits = [`fares ${money(tot.grossFaresMinor)}`, `tips ${money(tot.tipsMinor)}`, `bonuses ${money(tot.bonusesMinor)}`];
      if (hasOther) bits.push(`fees, taxes and adjustments ${money(otherPayMinor(tot))}`);
      parts.push(`In all: ${bits.join(', ')}, minus ${money(tot.commissionMinor)} commission, makes ${money(tot.netMinor)} net.`);
    }
    const series: ChartSeries[] = [
      { key: 'fares', label: 'Fares', values: fares, kind: 'stack', color: '--chart-fares', format: money },
      { key: 'tips', label: 'Tips', values: tips, kind: 'stack', color: '--chart-tips', format: money },
      { key: 'bonuses', label: 'Bonuses', values: bonuses, kind: 'stack', color: '--chart-bonuses', format: money },
    ];
    if (hasOther) series.push({ key: 'other', label: 'Fees, taxes, adjustments', values: other, kind: 'stack', color: '--chart-other', format: money });
    series.push(
      { key: 'commission', label: 'Commission (taken off)', values: commission, kind: 'stack', color: '--chart-commission', format: money },
      { key: 'net', label: 'Net', values: net, kind: 'line', color: '--chart-net', format: money },
    );
    charts.push({ id: 'net', title: `Net pay each ${unit}, and what it is made of`, summary: parts.join(' ') || 'No pay in your records yet.', ticks, names, focus, yTick: moneyTick, series });
  }

  // 3. Hours online and engaged ---------------------------------------------------------------
  {
    const online = periods.map((p) => p.time.onlineSeconds / 3600);
    const engaged = periods.map((p) => p.time.engagedSeconds / 3600);
    const t = ins.totals.time;
    const e = extremes(online);
    const hours = (v: number | null) => (v === null ? NONE : formatHours(v * 3600));
    const parts: string[] = [];
    if (t.onlineSeconds > 0) {
      parts.push(`In all, you were online ${formatHours(t.onlineSeconds)}: engaged ${formatHours(t.engagedSeconds)} and waiting, unpaid, ${formatHours(t.waitingSeconds)} (${formatShare(t.waitingSeconds / t.onlineSeconds)}).`);
      if (e) parts.push(`The most in one ${unit}: ${hours(e.max.value)} online, in ${phrase(e.max.index)}.`);
    }
    charts.push({
      id: 'hours',
      title: `Hours online and engaged each ${unit}`,
      summary: parts.join(' ') || 'No time online in your records.',
      ticks,
      names,
      focus,
      yTick: (v) => `${Math.round(v)} h`,
      series: [
        { key: 'online', label: 'Online (waiting or engaged)', values: online, kind: 'bar', color: '--chart-online', format: hours },
        { key: 'engaged', label: 'Engaged', values: engaged, kind: 'bar', color: '--chart-engaged', format: hours },
      ],
      extraColumns: [{ key: 'waiting', label: 'Waiting (unpaid)', values: periods.map((p) => formatHours(p.time.waitingSeconds)) }],
    });
  }

  // 4. Commission share -----------------------------------------------------------------------
  {
    const share = periods.map((p) => m(p)?.commissionShare ?? null);
    const e = extremes(share);
    const tot = moneyIn(ins.totals, currency);
    const parts: string[] = [];
    if (e && formatShare(e.min.value) === formatShare(e.max.value)) {
      parts.push(`The platform kept ${formatShare(e.max.value)} of your fares in every ${unit} with fares.`);
    } else if (e) {
      parts.push(`The platform kept between ${formatShare(e.min.value)} (${phrase(e.min.index)}) and ${formatShare(e.max.value)} (${phrase(e.max.index)}) of your fares.`);
      if (tot?.commissionShare != null) parts.push(`Over all your records: ${formatShare(tot.commissionShare)}.`);
    }
    charts.push({
      id: 'commission',
      title: 'The platform’s commission, as a share of fares',
      summary: parts.join(' ') || 'No fares in your records, so no commission share to show.',
      ticks,
      names,
      focus,
      yTick: formatShareTick,
      yMinTop: 0.3,
      series: [{ key: 'share', label: 'Commission share', values: share, kind: 'line', color: '--chart-commission', format: formatShare }],
    });
  }
  return charts;
}

/** Hours at the workplace each period (from location points): one bar a period. */
export function buildWorkplaceChart(ins: MemberInsights, kind: PeriodKind): ChartSpec {
  const periods = ins.periods;
  const ticks = periods.map((p, i) => periodTick(p, kind, kind === 'month' && (i === 0 || p.from.slice(5, 7) === '01')));
  const names = periods.map((p) => periodName(p, kind));
  const values = periods.map((p) => p.workplace.atWorkplaceSeconds / 3600);
  const hours = (v: number | null) => (v === null ? NONE : formatHours(v * 3600));
  const e = extremes(values, periods.map((p) => p.workplace.atWorkplaceSeconds > 0));
  const t = ins.totals.workplace;
  const parts: string[] = [];
  if (t.atWorkplaceSeconds > 0) {
    parts.push(`In all, ${formatHours(t.atWorkplaceSeconds)} at your workplace on ${t.daysAtWorkplace} ${t.daysAtWorkplace === 1 ? 'day' : 'days'}.`);
    if (e) parts.push(`The most in one ${kind}: ${hours(e.max.value)}, in ${periodPhrase(periods[e.max.index]!, kind)}.`);
  }
  const focus = Math.max(0, values.findLastIndex((v) => v > 0));
  return {
    id: 'workplace',
    title: `Hours at your workplace each ${kind}`,
    summary: parts.join(' ') || 'No time at this workplace in your location points.',
    ticks,
    names,
    focus,
    yTick: (v) => `${Math.round(v)} h`,
    series: [{ key: 'at-workplace', label: 'At your workplace', values, kind: 'bar', color: '--chart-engaged', format: hours }],
    extraColumns: [{ key: 'days', label: 'Days there', values: periods.map((p) => formatInteger(p.workplace.daysAtWorkplace)) }],
  };
}
