import { CURRENCY, PLATFORM } from './params.ts';
import { iso } from './time.ts';
import type { DemoRecord } from './types.ts';

/** Record builders: every field of the canonical schema is present, null when unknown. */

export function segment(member: number, state: 'online' | 'engaged' | 'offline', from: number, to: number): DemoRecord {
  return {
    member,
    dataset: 'time_segments',
    data: { platform: PLATFORM, state, started_at: iso(from), ended_at: iso(to), duration_s: (to - from) / 1000 },
    occurredAt: new Date(from),
  };
}

export interface TaskFields {
  status: 'completed' | 'cancelled';
  product: string;
  city: string;
  requestedMs: number;
  startedMs: number;
  endedMs: number;
  distanceM: number | null;
  grossFare: number | null;
  externalId: string;
}

export function task(member: number, t: TaskFields): DemoRecord {
  return {
    member,
    dataset: 'work_tasks',
    data: {
      platform: PLATFORM,
      task_type: 'trip',
      status: t.status,
      product: t.product,
      city: t.city,
      requested_at: iso(t.requestedMs),
      started_at: iso(t.startedMs),
      ended_at: iso(t.endedMs),
      duration_s: (t.endedMs - t.startedMs) / 1000,
      distance_m: t.distanceM,
      gross_fare: t.grossFare,
      currency: CURRENCY,
      external_id: t.externalId,
    },
    occurredAt: new Date(t.startedMs),
  };
}

export function payItem(
  member: number,
  kind: 'fare' | 'commission' | 'tip' | 'bonus',
  paidMs: number,
  amount: number,
  taskExternalId: string | null,
  description: string,
): DemoRecord {
  return {
    member,
    dataset: 'pay_items',
    data: { platform: PLATFORM, paid_at: iso(paidMs), kind, amount, currency: CURRENCY, task_external_id: taskExternalId, description },
    occurredAt: new Date(paidMs),
  };
}

export function locationPoint(member: number, atMs: number, lat: number, lng: number, accuracyM: number, source: string): DemoRecord {
  return {
    member,
    dataset: 'location_points',
    data: { recorded_at: iso(atMs), lat, lng, accuracy_m: accuracyM, source },
    occurredAt: new Date(atMs),
  };
}

export function shift(member: number, workplace: string, fromMs: number, toMs: number, breakS: number, contractedS: number): DemoRecord {
  return {
    member,
    dataset: 'shifts',
    data: { workplace, started_at: iso(fromMs), ended_at: iso(toMs), break_s: breakS, contracted_s: contractedS },
    occurredAt: new Date(fromMs),
  };
}
