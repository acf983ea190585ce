import { ImportError } from '../../errors.ts';
import type { Member } from '../../io/container.ts';
import { isoOf } from '../../values/time.ts';
import { Clock, currencyCode, money, type At } from '../common.ts';
import type { ImportContext, RawItem } from '../importer.ts';
import { readTable } from '../read.ts';
import { PAYMENT_COLUMNS } from './columns.ts';
import type { TripTimeIndex } from './join.ts';
import { payKind } from './pay-kind.ts';

export interface PaymentOptions {
  platform: 'uber' | 'uber_eats';
  /** Currency when the file has no currency column (the trips' single currency, or the caller's). */
  fallbackCurrency: string | null;
}

/**
 * Payment lines → pay_items, signs kept as the export writes them (deductions negative). Lines
 * are joined to trips by the trip key when the file has one, else by booking time (see join.ts).
 */
export async function* payments(ctx: ImportContext, member: Member, clock: Clock, index: TripTimeIndex, o: PaymentOptions): AsyncGenerator<RawItem> {
  let joined = 0;
  let unjoined = 0;
  let ambiguous = 0;
  const unknown = new Map<string, number>();
  for await (const { row, values, cols } of readTable(ctx, member, PAYMENT_COLUMNS)) {
    const at = (field: keyof typeof PAYMENT_COLUMNS): At => ({ file: member.name, row, column: cols.name(field) });
    const v = (field: keyof typeof PAYMENT_COLUMNS) => cols.get(values, field).trim();
    if (!cols.has('timeLocal') && !cols.has('timeUtc')) {
      throw new ImportError('missing_column', { file: member.name, row: 1, column: 'recognize_timestamp_local' }, 'has no payment time column (recognize_timestamp_local or "Local Timestamp")');
    }
    if (!cols.has('classification') && !cols.has('category')) {
      throw new ImportError('missing_column', { file: member.name, row: 1, column: 'classification' }, 'has neither a classification nor a category column');
    }
    const amountText = v('amount');
    if (amountText === '') {
      yield { kind: 'dropped', file: member.name, row, reason: 'payment line without an amount' };
      continue;
    }
    const currencyText = v('currency') || o.fallbackCurrency || ctx.options.currency || '';
    if (!currencyText) throw new ImportError('missing_option', at('amount'), 'has amounts but no currency column: pass the currency');
    const currency = currencyCode(currencyText, at('currency'));
    const local = v('timeLocal');
    const paid = v('timeUtc') ? clock.utc(v('timeUtc'), at('timeUtc')) : local ? clock.local(local, at('timeLocal')) : null;
    if (paid === null) {
      yield { kind: 'dropped', file: member.name, row, reason: 'payment line without a time' };
      continue;
    }
    const classification = v('classification');
    const category = v('category');
    let kind = payKind(classification, category);
    if (kind === null) {
      kind = 'other';
      const label = classification || category || '(blank)';
      unknown.set(label, (unknown.get(label) ?? 0) + 1);
    }
    let task: string | null = null;
    const key = v('tripId');
    if (key) task = key;
    else if (local) {
      const wall = Clock.wallKey(local);
      const hit = wall === null ? { id: null, ambiguous: false } : index.find(wall);
      task = hit.id;
      if (hit.ambiguous) ambiguous++;
    }
    if (task) joined++;
    else unjoined++;
    yield {
      kind: 'record',
      dataset: 'pay_items',
      file: member.name,
      row,
      occurredAt: new Date(paid),
      data: {
        platform: o.platform,
        paid_at: isoOf(paid),
        kind,
        amount: money(ctx, amountText, currency, at('amount')),
        currency,
        task_external_id: task,
        description: v('description') || classification || category || null,
      },
    };
  }
  if (unjoined > 0) {
    const why = ambiguous > 0 ? ` (${ambiguous} of them matched more than one trip)` : '';
    ctx.warn('payments_unjoined', `${unjoined} of ${joined + unjoined} payment lines could not be tied to exactly one trip by time${why}; they are kept without a trip.`, { file: member.name });
  }
  if (unknown.size > 0) {
    const list = [...unknown].map(([label, n]) => `${label} (${n})`).join(', ');
    ctx.warn('payment_kind_unknown', `Payment labels not recognised, kept as kind "other": ${list}.`, { file: member.name });
  }
}
