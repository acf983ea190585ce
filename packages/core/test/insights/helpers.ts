import type { InsightsRecord } from '../../src/index.ts';

/** Hand-made canonical records for the insights tests. */

export const seg = (state: 'online' | 'engaged' | 'offline', started_at: string, ended_at: string, platform = 'uber'): InsightsRecord => ({
  dataset: 'time_segments',
  data: { platform, state, started_at, ended_at, duration_s: (Date.parse(ended_at) - Date.parse(started_at)) / 1000 },
});

export const pay = (kind: string, amount: number, paid_at: string, currency = 'EUR'): InsightsRecord => ({
  dataset: 'pay_items',
  data: { platform: 'uber', kind, amount, currency, paid_at, task_external_id: null, description: null },
});

export const task = (status: 'completed' | 'cancelled' | 'other', started_at: string, ended_at: string | null, distance_m: number | null): InsightsRecord => ({
  dataset: 'work_tasks',
  data: { platform: 'uber', task_type: 'trip', status, started_at, ended_at, distance_m, currency: 'EUR' },
});

export const shift = (started_at: string, ended_at: string, break_s: number | null, contracted_s: number | null): InsightsRecord => ({
  dataset: 'shifts',
  data: { workplace: 'Depot', started_at, ended_at, break_s, contracted_s },
});

export const point = (recorded_at: string, lat: number, lng: number, source = 'weclock'): InsightsRecord => ({
  dataset: 'location_points',
  data: { recorded_at, lat, lng, accuracy_m: null, source },
});
