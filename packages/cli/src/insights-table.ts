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

/** The insights as readable tables: pay and platform hours per period, then shifts when there are any. */
export function insightsTables(ins: Insights, member: string | null): string {
  const unit = ins.period === 'week' ? 'Week' : 'Month';
  const out = [`Insights${member ? ` of ${member}` : ''} in ${ins.collective.name} (${ins.collective.slug}), per ${ins.period}, time zone ${ins.timeZone}`];
  if (ins.expensesPerKm) out.push(`Expenses: ${formatMinor(ins.expensesPerKm.amountMinor, ins.expensesPerKm.currency)} ${ins.expensesPerKm.currency} per km`);
  if (ins.periods.length === 0) {
    out.push('', 'No records to show yet: import your platform data first.');
    return out.join('\n');
  }
  const totals: Row = { ...ins.totals, key: 'Total' };
  const expenses = ins.expensesPerKm !== null;
  const head = [unit, 'Cur', 'Net', 'Fares', 'Comm.', 'Tips', 'Bonus', 'Online h', 'Engaged h', 'km', 'Trips', 'Net/online h', 'Net/engaged h', 'Net/km'];
  if (expenses) head.push('Expenses', 'Net after', 'After/online h');
  const hasPlatform = ins.totals.time.onlineSeconds > 0 || ins.totals.money.length > 0 || ins.totals.tasks.completed > 0;
  if (hasPlatform) {
    out.push('', table(head, [...ins.periods.flatMap((p) => moneyRows(p, expenses)), ...moneyRows(totals, expenses)]));
  }
  if (ins.totals.shifts.shifts > 0) {
    const shiftRow = (r: Row) => {
      const s = r.shifts;
      return [r.key, String(s.shifts), num(s.presenceSeconds / 3600), num(s.breakSeconds / 3600), num(s.workedHours), num(s.contractedHours), num(s.overtimeSeconds / 3600)];
    };
    out.push('', table([unit, 'Shifts', 'At work h', 'Breaks h', 'Worked h', 'Contracted h', 'Over/under h'], [...ins.periods.map(shiftRow), shiftRow(totals)]));
  }
  const used = Object.values(ins.records.used).reduce((a, b) => a + b, 0);
  const skipped = Object.values(ins.records.skipped).reduce((a, b) => a + b, 0);
  out.push('', `From ${used} of your records${skipped ? `; ${skipped} left out because a time, amount or currency could not be read` : ''}.`);
  out.push('Net: every pay line except payouts. Online: logged in (waiting or engaged). Per hour and per km: net divided by them.');
  return out.join('\n');
}
