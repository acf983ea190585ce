import type { CollectiveKind, DataRecord, FieldDef, Role } from './types.ts';

/** Formatting for people: the browser's locale, money from minor units, friendly names. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
// Records are mostly recent: drop the year when it is this year, to keep table cells short.
const thisYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const otherYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateOnlyUtc = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const integer = new Intl.NumberFormat();

export const EMPTY = '—';

export function formatNumber(n: number, maxFractionDigits = 2): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: maxFractionDigits }).format(n);
}

export function formatCount(n: number): string {
  return integer.format(n);
}

/** "1 record", "2,040 records". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** A moment in a record: "Apr 25, 5:37 PM", with the year only when it is not this year. */
export function formatMoment(value: string | number): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return (d.getFullYear() === new Date().getFullYear() ? thisYear : otherYear).format(d);
}

/** A moment without its year ("Feb 28, 11:17 PM"), where the year is said nearby. */
export function formatMomentWithoutYear(value: string | number): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : thisYear.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** A calendar date (`2026-01-31`) has no time zone: show it as written. */
function formatCalendarDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return dateOnlyUtc.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** An amount in minor units (cents) of an ISO 4217 currency, e.g. 1250 EUR → €12.50. */
export function formatMoney(minor: number, currency: string | undefined): string {
  if (currency && /^[A-Za-z]{3}$/.test(currency)) {
    try {
      const fmt = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() });
      const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
      return fmt.format(minor / 10 ** digits);
    } catch {
      // unknown currency code: fall through
    }
  }
  return `${formatNumber(minor / 100)}${currency ? ` ${currency}` : ''}`;
}

/** A file size: "840 B", "108.6 kB", "23.4 MB" (decimal units, as phones and file managers show). */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return new Intl.NumberFormat(undefined, { style: 'unit', unit: units[i], unitDisplay: i === 0 ? 'long' : 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(n);
}

/** Seconds as "1 h 05 min", "12 min", "40 s". */
export function formatDuration(seconds: number): string {
  const neg = seconds < 0 ? '−' : '';
  let s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${neg}${formatCount(h)} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${neg}${m} min${s && m < 10 ? ` ${s} s` : ''}`;
  return `${neg}${s} s`;
}

function formatMeasure(n: number, unit: string | undefined): string {
  switch (unit) {
    case undefined:
    case '':
      return formatNumber(n);
    case 's':
      return formatDuration(n);
    case 'm':
      return Math.abs(n) >= 1000 ? `${formatNumber(n / 1000, 1)} km` : `${formatNumber(n, 0)} m`;
    case 'km':
      return `${formatNumber(n, 1)} km`;
    case 'deg':
      return `${formatNumber(n, 5)}°`;
    default:
      return `${formatNumber(n)} ${unit}`;
  }
}

/** One value of a record, shown by its field's type and unit. */
export function formatFieldValue(field: FieldDef, record: DataRecord): string {
  return formatDataValue(field, record.data);
}

/** One value of a record's data (a stored record, or a row previewed before it is stored). */
export function formatDataValue(field: FieldDef, data: DataRecord['data']): string {
  const v = data[field.name];
  if (v === null || v === undefined || v === '') return EMPTY;
  switch (field.type) {
    case 'money': {
      const cur = field.currencyField ? data[field.currencyField] : undefined;
      return typeof v === 'number' ? formatMoney(v, typeof cur === 'string' ? cur : undefined) : String(v);
    }
    case 'timestamp':
      return typeof v === 'string' || typeof v === 'number' ? formatMoment(v) : String(v);
    case 'date':
      return typeof v === 'string' ? formatCalendarDate(v) : String(v);
    case 'boolean':
      return v ? 'Yes' : 'No';
    case 'integer':
    case 'number':
      return typeof v === 'number' ? formatMeasure(v, field.unit) : String(v);
    default:
      return field.enum ? humanize(String(v)) : String(v);
  }
}

const WORDS: Record<string, string> = { id: 'ID', url: 'URL', gps: 'GPS', lat: 'Latitude', lng: 'Longitude' };

/** `task_type` → "Task type"; `gross_fare` → "Gross fare"; `external_id` → "External ID". */
export function humanize(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[_\s-]+/).filter(Boolean);
  const out = words.map((w, i) => {
    const lower = w.toLowerCase();
    if (WORDS[lower]) return WORDS[lower];
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
  return out.join(' ');
}

/** A column header for a field: its unit suffix and `_at` dropped, since cells show the unit. */
export function fieldLabel(field: FieldDef): string {
  let name = field.name;
  if (field.unit && name.endsWith(`_${field.unit}`)) name = name.slice(0, -field.unit.length - 1);
  if (field.type === 'timestamp' && name.endsWith('_at') && name.length > 3) name = name.slice(0, -3);
  return humanize(name);
}

/** `pd:WorkHistory` → "Work history". */
export function categoryLabel(category: string): string {
  return humanize(category.replace(/^pd:/, ''));
}

const ROLE_LABELS: Record<Role, string> = { member: 'Member', steward: 'Steward', requester: 'Requester', auditor: 'Auditor' };
export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? humanize(role);
}

const KIND_LABELS: Record<CollectiveKind, string> = { cooperative: 'Cooperative', union: 'Union', trust: 'Data trust', community: 'Community' };
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as CollectiveKind] ?? humanize(kind);
}

const FIELD_TYPE_LABELS: Record<string, string> = {
  string: 'Text',
  integer: 'Whole number',
  number: 'Number',
  boolean: 'Yes / no',
  timestamp: 'Date and time',
  date: 'Date',
  money: 'Money',
};
export function fieldTypeLabel(type: string): string {
  return FIELD_TYPE_LABELS[type] ?? type;
}

const UNIT_LABELS: Record<string, string> = { s: 'seconds', m: 'metres', km: 'kilometres', minor: 'cents (minor units)', deg: 'degrees' };
export function unitLabel(unit: string | undefined): string {
  if (!unit) return EMPTY;
  return UNIT_LABELS[unit] ?? unit;
}

/** Fields that only qualify another (a money field's currency) get no column of their own. */
export function visibleFields<F extends FieldDef>(fields: readonly F[]): F[] {
  const folded = new Set(fields.filter((f) => f.type === 'money' && f.currencyField).map((f) => f.currencyField));
  return fields.filter((f) => !folded.has(f.name));
}
