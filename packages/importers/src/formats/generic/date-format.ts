import { parseIsoLike, type WallTime } from '../../values/time.ts';

/** A parsed date: the wall time, and the offset when the text carried one. */
export interface DateValue {
  wall: WallTime | null;
  offsetMs: number | null;
  /** Set for epoch formats: the instant itself. */
  epochMs?: number;
}

export type DateParser = (text: string) => DateValue | null;

const TOKENS: Array<[string, string, keyof WallTime | 'ampm' | 'zone' | 'yy']> = [
  ['YYYY', '(\\d{4})', 'year'],
  ['YY', '(\\d{2})', 'yy'],
  ['MM', '(\\d{2})', 'month'],
  ['M', '(\\d{1,2})', 'month'],
  ['DD', '(\\d{2})', 'day'],
  ['D', '(\\d{1,2})', 'day'],
  ['HH', '(\\d{2})', 'hour'],
  ['H', '(\\d{1,2})', 'hour'],
  ['hh', '(\\d{2})', 'hour'],
  ['h', '(\\d{1,2})', 'hour'],
  ['mm', '(\\d{2})', 'minute'],
  ['ss', '(\\d{2})', 'second'],
  ['SSS', '(\\d{1,9})', 'millisecond'],
  ['A', '([AaPp][Mm])', 'ampm'],
  ['Z', '(Z|[+-]\\d{2}:?\\d{2})', 'zone'],
];

/** Compiles `iso`, `epoch_s`, `epoch_ms` or a pattern like `DD/MM/YYYY HH:mm`; returns an error text when it cannot. */
export function compileDateFormat(format: string): DateParser | string {
  if (format === 'iso') {
    return (text) => {
      const p = parseIsoLike(text);
      return p ? { wall: p.wall, offsetMs: p.offsetMs } : null;
    };
  }
  if (format === 'epoch_s' || format === 'epoch_ms') {
    const scale = format === 'epoch_s' ? 1000 : 1;
    return (text) => {
      if (!/^-?\d{1,15}(\.\d+)?$/.test(text.trim())) return null;
      return { wall: null, offsetMs: 0, epochMs: Math.round(Number(text.trim()) * scale) };
    };
  }
  if (format.length === 0 || format.length > 64) return 'must be iso, epoch_s, epoch_ms or a pattern such as DD/MM/YYYY HH:mm';
  let regex = '';
  const slots: Array<keyof WallTime | 'ampm' | 'zone' | 'yy'> = [];
  for (let i = 0; i < format.length; ) {
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      regex += token[1];
      slots.push(token[2]);
      i += token[0].length;
    } else {
      regex += format[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      i++;
    }
  }
  for (const needed of ['year', 'month', 'day'] as const) {
    if (!slots.includes(needed) && !(needed === 'year' && slots.includes('yy'))) return `must contain a ${needed} (YYYY, MM, DD…)`;
  }
  const re = new RegExp(`^\\s*${regex}\\s*$`);
  return (text) => {
    const m = re.exec(text);
    if (!m) return null;
    const w: WallTime = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
    let ampm: string | null = null;
    let offsetMs: number | null = null;
    slots.forEach((slot, k) => {
      const v = m[k + 1]!;
      if (slot === 'ampm') ampm = v.toLowerCase();
      else if (slot === 'zone') {
        if (v === 'Z') offsetMs = 0;
        else {
          const digits = v.slice(1).replace(':', '');
          offsetMs = (v[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
        }
      } else if (slot === 'yy') w.year = 2000 + Number(v) - (Number(v) >= 70 ? 100 : 0);
      else if (slot === 'millisecond') w.millisecond = Number(v.slice(0, 3).padEnd(3, '0'));
      else w[slot] = Number(v);
    });
    if (ampm) {
      if (w.hour < 1 || w.hour > 12) return null;
      w.hour = (w.hour % 12) + (ampm === 'pm' ? 12 : 0);
    }
    const dim = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
    if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > dim || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
    return { wall: w, offsetMs };
  };
}
