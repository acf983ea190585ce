import type { DatasetSchema, FieldDef } from './schema.ts';

/** A dataset every collective can declare in one step, filled by the importers. */
export interface CanonicalDataset {
  canonical: string;
  name: string;
  description: string;
  schema: DatasetSchema;
}

const f = (def: Omit<FieldDef, 'required' | 'description'> & Partial<Pick<FieldDef, 'required' | 'description'>>): FieldDef => ({
  required: false,
  description: '',
  ...def,
});

const platform = f({ name: 'platform', type: 'string', category: 'pd:Professional', groupable: true, required: true, description: 'Platform or employer, e.g. uber, wolt' });
const currency = f({ name: 'currency', type: 'string', category: 'pd:Income', groupable: true, description: 'ISO 4217 code' });

export const CANONICAL_DATASETS: readonly CanonicalDataset[] = [
  {
    canonical: 'work_tasks',
    name: 'Work tasks',
    description: 'Trips, deliveries and other tasks done through a platform, one row a task.',
    schema: {
      version: 1,
      fields: [
        platform,
        f({ name: 'task_type', type: 'string', category: 'pd:WorkHistory', groupable: true, required: true, enum: ['trip', 'delivery', 'other'], description: 'Kind of task' }),
        f({ name: 'status', type: 'string', category: 'pd:WorkHistory', groupable: true, required: true, enum: ['completed', 'cancelled', 'other'], description: 'How the task ended' }),
        f({ name: 'product', type: 'string', category: 'pd:Professional', groupable: true, description: 'Service level, e.g. UberX' }),
        f({ name: 'city', type: 'string', category: 'pd:Location', groupable: true, description: 'City the task started in' }),
        f({ name: 'requested_at', type: 'timestamp', category: 'pd:WorkHistory', groupable: false, description: 'When the task was offered' }),
        f({ name: 'started_at', type: 'timestamp', category: 'pd:WorkHistory', groupable: false, required: true, description: 'When the task began' }),
        f({ name: 'ended_at', type: 'timestamp', category: 'pd:WorkHistory', groupable: false, description: 'When the task ended' }),
        f({ name: 'duration_s', type: 'integer', unit: 's', category: 'pd:WorkHistory', groupable: false, description: 'Time on the task' }),
        f({ name: 'distance_m', type: 'integer', unit: 'm', category: 'pd:Location', groupable: false, description: 'Distance driven or ridden on the task' }),
        f({ name: 'gross_fare', type: 'money', unit: 'minor', currencyField: 'currency', category: 'pd:Income', groupable: false, description: 'What the customer paid, before the platform’s cut' }),
        currency,
        f({ name: 'external_id', type: 'string', category: 'pd:Identifying', groupable: false, description: 'The platform’s id of the task, to join pay and avoid duplicates' }),
      ],
    },
  },
  {
    canonical: 'pay_items',
    name: 'Pay line items',
    description: 'Every line of pay: fares, tips, bonuses, the platform’s commission, taxes and adjustments.',
    schema: {
      version: 1,
      fields: [
        platform,
        f({ name: 'paid_at', type: 'timestamp', category: 'pd:Transaction', groupable: false, required: true, description: 'When the line was paid or booked' }),
        f({ name: 'kind', type: 'string', category: 'pd:Transaction', groupable: true, required: true, enum: ['fare', 'tip', 'bonus', 'commission', 'tax', 'fee', 'adjustment', 'payout', 'other'], description: 'What the line is' }),
        f({ name: 'amount', type: 'money', unit: 'minor', currencyField: 'currency', category: 'pd:Income', groupable: false, required: true, description: 'Amount in minor units; deductions are negative' }),
        { ...currency, required: true },
        f({ name: 'task_external_id', type: 'string', category: 'pd:Identifying', groupable: false, description: 'The task this line belongs to, when known' }),
        f({ name: 'description', type: 'string', category: 'pd:Transaction', groupable: false, description: 'The platform’s own label' }),
      ],
    },
  },
  {
    canonical: 'time_segments',
    name: 'Time segments',
    description: 'Periods logged in to a platform: waiting for work (online), en route or on a task (engaged), or offline.',
    schema: {
      version: 1,
      fields: [
        platform,
        f({ name: 'state', type: 'string', category: 'pd:WorkHistory', groupable: true, required: true, enum: ['online', 'engaged', 'offline'], description: 'Online: logged in and waiting; engaged: en route or on a task' }),
        f({ name: 'started_at', type: 'timestamp', category: 'pd:WorkHistory', groupable: false, required: true, description: 'Start of the segment' }),
        f({ name: 'ended_at', type: 'timestamp', category: 'pd:WorkHistory', groupable: false, required: true, description: 'End of the segment' }),
        f({ name: 'duration_s', type: 'integer', unit: 's', category: 'pd:WorkHistory', groupable: false, required: true, description: 'Length of the segment' }),
      ],
    },
  },
  {
    canonical: 'location_points',
    name: 'Location points',
    description: 'GPS points from a tracker or a platform, one row a point.',
    schema: {
      version: 1,
      fields: [
        f({ name: 'recorded_at', type: 'timestamp', category: 'pd:Location', groupable: false, required: true, description: 'When the point was recorded' }),
        f({ name: 'lat', type: 'number', unit: 'deg', category: 'pd:Location', groupable: false, required: true, description: 'Latitude (WGS 84)' }),
        f({ name: 'lng', type: 'number', unit: 'deg', category: 'pd:Location', groupable: false, required: true, description: 'Longitude (WGS 84)' }),
        f({ name: 'accuracy_m', type: 'number', unit: 'm', category: 'pd:Location', groupable: false, description: 'Horizontal accuracy' }),
        f({ name: 'source', type: 'string', category: 'pd:Behavioral', groupable: true, description: 'Device or app that recorded it' }),
      ],
    },
  },
  {
    canonical: 'shifts',
    name: 'Shifts',
    description: 'Worked shifts from a time tracker or a rota: start, end, breaks and contracted hours.',
    schema: {
      version: 1,
      fields: [
        f({ name: 'workplace', type: 'string', category: 'pd:Professional', groupable: true, description: 'Employer or workplace' }),
        f({ name: 'started_at', type: 'timestamp', category: 'pd:WorkHistory', groupable: false, required: true, description: 'Start of the shift' }),
        f({ name: 'ended_at', type: 'timestamp', category: 'pd:WorkHistory', groupable: false, required: true, description: 'End of the shift' }),
        f({ name: 'break_s', type: 'integer', unit: 's', category: 'pd:WorkHistory', groupable: false, description: 'Unpaid breaks taken' }),
        f({ name: 'contracted_s', type: 'integer', unit: 's', category: 'pd:WorkHistory', groupable: false, description: 'Contracted time for this shift' }),
      ],
    },
  },
];

/** The canonical dataset with this name, or undefined. */
export function canonicalDataset(name: string): CanonicalDataset | undefined {
  return CANONICAL_DATASETS.find((d) => d.canonical === name);
}
