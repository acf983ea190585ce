import type { RouteOutput, Routes } from '@steward/contract';

type Insights = RouteOutput<Routes['memberInsights']>;
type Money = Insights['totals']['money'][number];
type Row = Insights['periods'][number] | (Insights['totals'] & { key: string });

const digitsCache = new Map<string, number>();
function digits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/** Minor units as a decimal amount, exactly: 123456 EUR → 1234.56. */
export function formatMinor(minor: number | null, currency: string): string {
  if (minor === null) return '—';
  const d = digits(currency);
  const abs = String(Math.abs(minor)).padStart(d + 1, '0');
  const whole = abs.slice(0, abs.length - d).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (minor < 0 ? '-' : '') + whole + (d ? '.' + abs.slice(abs.length - d) : '');
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const num = (n: number, decimals = 2) => n.toFixed(decimals);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // The first column is a label (left-aligned); figures are right-aligned.
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function moneyRows(r: Row, expenses: boolean): string[][] {
  const t = r.time;
  const common = [num(t.onlineHours), num(t.engagedHours), num(r.tasks.distanceKm, 1), String(r.tasks.completed)];
  const money: Array<Money | null> = r.money.length ? r.money : [null];
  return money.map((m) => {
    const c = m?.currency ?? '';
    const f = (v: number | null | undefined) => (m ? formatMinor(v ?? null, c) : '—');
    const cells = [r.key, c, f(m?.netMinor), f(m?.grossFaresMinor), m ? pct(m.commissionShare) : '—', f(m?.tipsMinor), f(m?.bonusesMinor), ...common, f(m?.netPerOnlineHourMinor), f(m?.netPerEngagedHourMinor), f(m?.netPerKmMinor)];
    if (expenses) cells.push(f(m?.expensesMinor), f(m?.netAfterExpensesMinor), f(m?.netAfterExpensesPerOnlineHourMinor));
    return cells;
  });
}

const hours = (seconds: number) => num(seconds / 3600);
const clock = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

/** Places, the workplace, and time at it per period and per day (from location points). */
function workplaceTables(ins: Insights, unit: string): string[] {
  const { places, workplace: wp } = ins;
  const gap = places.maxGapSeconds / 3600;
  const out = [`Your places (from ${places.points} location points: within ${places.radiusM} m of a place's centre; time between two points in a row at it, at most ${gap} h apart)`];
  if (places.top.length === 0) return [...out, 'No place with time yet.'];
  const note = (p: (typeof places.top)[number]) =>
    [p.likelyHome && 'probably home', p.suggested && 'suggested workplace', wp && !wp.suggested && wp.lat === p.lat && wp.lng === p.lng && 'your workplace'].filter(Boolean).join(', ');
  const rows = places.top.map((p, i) => [String(i + 1), `${p.lat},${p.lng}`, hours(p.seconds), String(p.daysSeen), p.typicalHours ? `${clock(p.typicalHours.from)}-${clock(p.typicalHours.to)}` : '—', note(p)]);
  out.push(table(['#', 'Place (--workplace)', 'Hours', 'Days', 'Mostly', ''], rows));
  out.push('');
  if (!wp) {
    out.push('No workplace: none of your places has weekday daytime hours. Choose one with --workplace LAT,LNG.');
    return out;
  }
  out.push(
    wp.suggested
      ? `Workplace (suggested: the most weekday daytime hours, 07:00-19:00, home left out): ${wp.lat},${wp.lng} within ${wp.radiusM} m. Another: --workplace LAT,LNG`
      : `Workplace: ${wp.lat},${wp.lng} within ${wp.radiusM} m.`,
  );
  const worked = ins.hoursWorkedFrom === 'workplace';
  if (worked) out.push('Without shift records, time at your workplace is your hours worked.');
  const head = worked ? 'Worked h (at workplace)' : 'At workplace h';
  const periodRow = (key: string, w: Insights['totals']['workplace']) => [key, hours(w.atWorkplaceSeconds), String(w.daysAtWorkplace)];
  out.push('', table([unit, head, 'Days'], [...ins.periods.filter((p) => p.workplace.atWorkplaceSeconds > 0).map((p) => periodRow(p.key, p.workplace)), periodRow('Total', ins.totals.workplace)]));
  const days = ins.periods.flatMap((p) => p.days).filter((d) => d.atWorkplaceSeconds > 0);
  if (days.length > 0) out.push('', table(['Day', head], days.map((d) => [d.date, hours(d.atWorkplaceSeconds)])));
  return out;
}

/** The insights as readable tables: pay and platform hours per period, then shifts when there are any, then places and time at the workplace. */
export function insightsTables(ins: Insights, member: string | null): string {
  const unit = ins.period === 'week' ? 'Week' : 'Month';
  const out = [`Insights${member ? ` of ${member}` : ''} in ${ins.collective.name} (${ins.collective.slug}), per ${ins.period}, time zone ${ins.timeZone}`];
  if (ins.expensesPerKm) out.push(`Expenses: ${formatMinor(ins.expensesPerKm.amountMinor, ins.expensesPerKm.currency)} ${ins.expensesPerKm.currency} per km`);
  if (ins.periods.length === 0 && ins.places.top.length === 0) {
    out.push('', 'No records to show yet: import your platform data first.');
    return out.join('\n');
  }
  const totals: Row = { ...ins.totals, key: 'Total' };
  const expenses = ins.expensesPerKm !== null;
  const head = [unit, 'Cur', 'Net', 'Fares', 'Comm.', 'Tips', 'Bonus', 'Online h', 'Engaged h', 'km', 'Trips', 'Net/online h', 'Net/engaged h', 'Net/km'];
  if (expenses) head.push('Expenses', 'Net after', 'After/online h');
  const hasPlatform = ins.totals.time.onlineSeconds > 0 || ins.totals.money.length > 0 || ins.totals.tasks.completed > 0;
  if (hasPlatform) {
    // Periods with only shifts or time at the workplace in them have their own tables.
    const platformPeriods = ins.periods.filter((p) => p.money.length > 0 || p.time.onlineSeconds > 0 || p.tasks.completed + p.tasks.cancelled + p.tasks.other > 0);
    out.push('', table(head, [...platformPeriods.flatMap((p) => moneyRows(p, expenses)), ...moneyRows(totals, expenses)]));
  }
  if (ins.totals.shifts.shifts > 0) {
    const shiftRow = (r: Row) => {
      const s = r.shifts;
      return [r.key, String(s.shifts), num(s.presenceSeconds / 3600), num(s.breakSeconds / 3600), num(s.workedHours), num(s.contractedHours), num(s.overtimeSeconds / 3600)];
    };
    out.push('', table([unit, 'Shifts', 'At work h', 'Breaks h', 'Worked h', 'Contracted h', 'Over/under h'], [...ins.periods.map(shiftRow), shiftRow(totals)]));
  }
  if (ins.places.points > 0) out.push('', ...workplaceTables(ins, unit));
  const used = Object.values(ins.records.used).reduce((a, b) => a + b, 0);
  const skipped = Object.values(ins.records.skipped).reduce((a, b) => a + b, 0);
  out.push('', `From ${used} of your records${skipped ? `; ${skipped} left out because a time, amount or currency could not be read` : ''}.`);
  out.push('Net: every pay line except payouts. Online: logged in (waiting or engaged). Per hour and per km: net divided by them.');
  return out.join('\n');
}
