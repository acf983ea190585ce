import type { ColumnTable } from '../columns.ts';

/**
 * Column names of Uber's exports, one alias per layout seen: the EU numbered files
 * (`02 - Driver Lifetime Trips.csv`, snake_case, semicolons), the US title-case layout
 * (`Driver/driver_lifetime_trips-0.csv` with `Product Name,Status,Local Request Timestamp,…`)
 * and the US snake_case layout (`driver_lifetime_trips-0.csv`).
 */
export const DRIVER_TRIP_COLUMNS = {
  status: { aliases: ['status', 'Status', 'Trip Status'], required: true },
  product: { aliases: ['global_product_name', 'Product Name', 'product_type_name', 'product_name', 'Product Type'] },
  city: { aliases: ['city_name', 'City Name', 'City'] },
  currency: { aliases: ['currency_code', 'Currency Code', 'Local Currency Code', 'Currency'] },
  timezone: { aliases: ['timezone', 'Timezone', 'Time Zone'] },
  tripId: { aliases: ['trip_uuid', 'Trip UUID', 'trip_id', 'Trip ID'] },
  requestLocal: { aliases: ['request_timestamp_local', 'Local Request Timestamp', 'Request Timestamp Local'] },
  requestUtc: { aliases: ['request_timestamp_utc', 'Request Timestamp', 'UTC Request Timestamp', 'Request Timestamp UTC'] },
  beginLocal: { aliases: ['begintrip_timestamp_local', 'Local Begin Trip Timestamp', 'Begin Trip Local Timestamp', 'Local Begintrip Timestamp'] },
  beginUtc: { aliases: ['begintrip_timestamp_utc', 'Begin Trip Timestamp', 'UTC Begin Trip Timestamp', 'Begin Trip Timestamp UTC'] },
  dropoffLocal: { aliases: ['dropoff_timestamp_local', 'Local Dropoff Timestamp', 'Dropoff Timestamp Local'] },
  dropoffUtc: { aliases: ['dropoff_timestamp_utc', 'Dropoff Timestamp', 'UTC Dropoff Timestamp', 'Dropoff Timestamp UTC'] },
  distanceMiles: { aliases: ['trip_distance_miles', 'Trip Distance (miles)', 'Distance (miles)'] },
  durationSeconds: { aliases: ['trip_duration_seconds', 'Duration (Seconds)', 'Trip Duration (seconds)'] },
  fare: { aliases: ['original_fare_local', 'Local Original Fare', 'Original Fare Local'] },
} as const satisfies ColumnTable<string>;

/** Uber Eats courier trips (`31 - Courier Lifetime Trip Data.csv`). */
export const COURIER_TRIP_COLUMNS = {
  status: { aliases: ['delivery_status', 'Delivery Status', 'status'], required: true },
  city: { aliases: ['city_name', 'City Name'] },
  acceptLocal: { aliases: ['courier_accept_timestamp_local', 'Courier Accept Timestamp Local'], required: true },
  acceptUtc: { aliases: ['courier_accept_timestamp_utc', 'Courier Accept Timestamp UTC'] },
  beginLocal: { aliases: ['courier_begintrip_timestamp_local', 'Courier Begintrip Timestamp Local'] },
  dropoffLocal: { aliases: ['courier_dropoff_timestamp_local', 'Courier Dropoff Timestamp Local'] },
  restaurantRequestLocal: { aliases: ['restaurant_request_timestamp_local'] },
  distanceMiles: { aliases: ['courier_begintrip_to_dropoff_miles'] },
  durationSeconds: { aliases: ['courier_begintrip_to_dropoff_seconds'] },
  tripId: { aliases: ['trip_uuid', 'Trip UUID', 'job_uuid'] },
} as const satisfies ColumnTable<string>;

/** `19a - Driver Payments.csv`, `23a - Driver Payments.csv`, `Driver/driver_payments-0.csv`. */
export const PAYMENT_COLUMNS = {
  amount: { aliases: ['amount_local', 'Local Amount', 'Amount'], required: true },
  currency: { aliases: ['currency_code', 'Currency Code', 'Local Currency Code', 'Currency'] },
  classification: { aliases: ['classification', 'Classification'] },
  category: { aliases: ['category', 'Category'] },
  timeLocal: { aliases: ['recognize_timestamp_local', 'Local Timestamp', 'Recognize Timestamp Local'] },
  timeUtc: { aliases: ['recognize_timestamp_utc', 'UTC Timestamp', 'Recognize Timestamp UTC'] },
  tripId: { aliases: ['trip_uuid', 'Trip UUID', 'trip_id', 'Trip ID'] },
  description: { aliases: ['description', 'Description'] },
} as const satisfies ColumnTable<string>;

/** `10 - Driver Online Offline.csv` (drivers) and `11 - Driver Online Offline.csv` (couriers). */
export const SEGMENT_COLUMNS = {
  state: { aliases: ['earner_state', 'Earner State', 'driver_state', 'status'], required: true },
  beginUtc: { aliases: ['begin_timestamp_utc', 'Begin Timestamp UTC', 'UTC Begin Timestamp'] },
  endUtc: { aliases: ['end_timestamp_utc', 'End Timestamp UTC', 'UTC End Timestamp'] },
  beginLocal: { aliases: ['begin_timestamp_local', 'Local Begin Timestamp', 'Begin Timestamp Local'] },
  endLocal: { aliases: ['end_timestamp_local', 'Local End Timestamp', 'End Timestamp Local'] },
  durationMs: { aliases: ['duration_ms', 'Duration (ms)', 'Duration (Milliseconds)'] },
} as const satisfies ColumnTable<string>;

/** Columns that together say "this is an Uber driver trips file" (any layout). */
export const DRIVER_TRIP_SIGNATURE = {
  status: DRIVER_TRIP_COLUMNS.status,
  request: { aliases: [...DRIVER_TRIP_COLUMNS.requestLocal.aliases, ...DRIVER_TRIP_COLUMNS.requestUtc.aliases], required: true },
  dropoff: { aliases: [...DRIVER_TRIP_COLUMNS.dropoffLocal.aliases, ...DRIVER_TRIP_COLUMNS.dropoffUtc.aliases], required: true },
  fare: { aliases: [...DRIVER_TRIP_COLUMNS.fare.aliases, ...DRIVER_TRIP_COLUMNS.distanceMiles.aliases], required: true },
} as const satisfies ColumnTable<string>;

export const COURIER_TRIP_SIGNATURE = {
  status: COURIER_TRIP_COLUMNS.status,
  accept: COURIER_TRIP_COLUMNS.acceptLocal,
  dropoff: { aliases: COURIER_TRIP_COLUMNS.dropoffLocal.aliases, required: true },
} as const satisfies ColumnTable<string>;

export const PAYMENT_SIGNATURE = {
  amount: PAYMENT_COLUMNS.amount,
  kind: { aliases: [...PAYMENT_COLUMNS.classification.aliases, ...PAYMENT_COLUMNS.category.aliases], required: true },
  time: { aliases: [...PAYMENT_COLUMNS.timeLocal.aliases, ...PAYMENT_COLUMNS.timeUtc.aliases], required: true },
} as const satisfies ColumnTable<string>;

export const SEGMENT_SIGNATURE = {
  state: { aliases: ['earner_state', 'Earner State'], required: true },
  begin: { aliases: [...SEGMENT_COLUMNS.beginUtc.aliases, ...SEGMENT_COLUMNS.beginLocal.aliases], required: true },
  end: { aliases: [...SEGMENT_COLUMNS.endUtc.aliases, ...SEGMENT_COLUMNS.endLocal.aliases], required: true },
} as const satisfies ColumnTable<string>;

export type Role = 'driverTrips' | 'courierTrips' | 'payments' | 'segments' | 'dispatches' | 'restrictions' | 'badges';

/** Files of an Uber export by name, whatever number precedes it (`02 - `, `31 - `, `-0`). */
export const MEMBER_ROLES: ReadonlyArray<{ role: Role; pattern: RegExp }> = [
  { role: 'driverTrips', pattern: /driver[ _-]*lifetime[ _-]*trips[^/]*\.csv$/i },
  { role: 'courierTrips', pattern: /courier[ _-]*lifetime[ _-]*trip[^/]*\.csv$/i },
  { role: 'payments', pattern: /driver[ _-]*payments[^/]*\.csv$/i },
  { role: 'segments', pattern: /driver[ _-]*online[ _-]*offline[^/]*\.csv$/i },
  { role: 'dispatches', pattern: /dispatches[ _-]*offered[^/]*\.csv$/i },
  { role: 'restrictions', pattern: /app[ _-]*restrictions[^/]*\.csv$/i },
  { role: 'badges', pattern: /performance[ _-]*badges[^/]*\.csv$/i },
];

export function roleOf(path: string): Role | null {
  return MEMBER_ROLES.find((r) => r.pattern.test(path))?.role ?? null;
}

export const EXTRA_NOTES: Partial<Record<Role, { kind: string; note: string }>> = {
  dispatches: { kind: 'uber_dispatches', note: 'hourly offers, acceptances, rejections and online minutes; no canonical dataset holds them yet' },
  restrictions: { kind: 'uber_app_restrictions', note: 'app restrictions (e.g. consecutive rejections) with place and time; no canonical dataset holds them yet' },
  badges: { kind: 'uber_performance_badges', note: 'performance badges; no canonical dataset holds them yet' },
};
