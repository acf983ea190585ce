import type { RouteOutput, Routes } from '@steward/contract';
import type { RuntimeConfig } from '../config.ts';
import { insightsTables } from '../insights-table.ts';
import { print } from '../output.ts';
import { openRuntime } from '../runtime.ts';
import { remoteClient } from './whoami.ts';

export interface InsightsFlags {
  collective: string;
  member?: string;
  period?: 'week' | 'month';
  tz?: string;
  expensesPerKm?: string;
  currency?: string;
  workplace?: string;
  workplaceRadius?: string;
  server?: string;
  token?: string;
  data?: string;
  json?: boolean;
}

type Env = Record<string, string | undefined>;
export type InsightsOutput = RouteOutput<Routes['memberInsights']>;

/** Digits after the decimal point of a currency's major unit (EUR 2, JPY 0), from Intl. */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new Error(`--currency: "${currency}" is not an ISO 4217 currency code, e.g. EUR`);
  }
}

/** `0.12` EUR → 12 minor units, exactly (no floating point); more decimals than the currency has is an error. */
export function parseExpensesPerKm(amount: string, currency: string | undefined): { amountMinor: number; currency: string } {
  if (!currency) throw new Error('--currency: say which currency --expenses-per-km is in, e.g. --currency EUR');
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new Error(`--currency: "${currency}" is not an ISO 4217 currency code, e.g. EUR`);
  const digits = minorDigits(code);
  const m = /^(\d{1,9})(?:[.,](\d+))?$/.exec(amount.trim());
  if (!m) throw new Error(`--expenses-per-km: "${amount}" is not an amount per km, e.g. 0.12`);
  const fraction = m[2] ?? '';
  if (fraction.length > digits) throw new Error(`--expenses-per-km: ${code} has ${digits} decimal${digits === 1 ? '' : 's'}; "${amount}" has more`);
  return { amountMinor: Number(m[1]! + fraction.padEnd(digits, '0')), currency: code };
}

/** `--workplace 42.361,-71.0875` → { lat, lng }; errors name the flag. */
export function parseWorkplace(text: string): { lat: number; lng: number } {
  const m = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  const lat = Number(m?.[1]);
  const lng = Number(m?.[2]);
  if (!m || Math.abs(lat) > 90 || Math.abs(lng) > 180) throw new Error(`--workplace: "${text}" is not a latitude and a longitude, e.g. 42.361,-71.0875 (a place from the "Your places" table)`);
  return { lat, lng };
}

/** `--workplace-radius 200` → 200 metres, 10 to 2000. */
export function parseWorkplaceRadius(text: string): number {
  const m = Number(text.trim());
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || m < 10 || m > 2000) throw new Error(`--workplace-radius: "${text}" is not a number of metres from 10 to 2000`);
  return m;
}

/**
 * `steward insights`: the member's real pay and hours per week or month. Locally (--data /
 * DATABASE_URL) as the member named by --member — whoever runs the server's own CLI controls its
 * data folder; or through a server's API with a personal token, as the token's owner.
 */
export async function insights(config: RuntimeConfig, flags: InsightsFlags, env: Env): Promise<void> {
  const period = flags.period ?? 'week';
  // The machine's own zone by default: the member's weeks are cut where they live.
  const timeZone = flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const expensesPerKm = flags.expensesPerKm === undefined ? null : parseExpensesPerKm(flags.expensesPerKm, flags.currency);
  const workplace = flags.workplace === undefined ? null : parseWorkplace(flags.workplace);
  const workplaceRadiusM = flags.workplaceRadius === undefined ? null : parseWorkplaceRadius(flags.workplaceRadius);
  const server = flags.server ?? (flags.data ? undefined : env.STEWARD_SERVER);
  if (flags.server && flags.data) throw new Error('Choose one: --server (through the API) or --data (this machine’s store).');

  let result: InsightsOutput;
  let who: string | null = null;
  if (server) {
    if (flags.member) throw new Error('--member works only with the local store (--data or DATABASE_URL): through a server, a token shows its owner’s own insights.');
    result = await remoteClient({ ...flags, server }, env).call('memberInsights', {
      params: { slug: flags.collective },
      query: {
        period,
        timeZone,
        ...(expensesPerKm ? { expensesPerKmMinor: expensesPerKm.amountMinor, currency: expensesPerKm.currency } : {}),
        ...(workplace ? { workplace: `${workplace.lat},${workplace.lng}` } : {}),
        ...(workplaceRadiusM !== null ? { workplaceRadiusM } : {}),
      },
    });
  } else {
    if (!flags.member) throw new Error('Say whose insights to show: --member EMAIL (or ask a server with --server and a token).');
    const runtime = await openRuntime(config);
    try {
      result = await runtime.app.memberInsightsByEmail({ email: flags.member, slug: flags.collective, period, timeZone, expensesPerKm, workplace, workplaceRadiusM });
    } finally {
      await runtime.close();
    }
    who = flags.member;
  }
  print(flags.json ?? false, result, () => insightsTables(result, who));
}
