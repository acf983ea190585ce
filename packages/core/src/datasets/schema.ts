import { ValidationError, type FieldIssue } from '../errors.ts';
import { isPersonalDataCategory, PERSONAL_DATA_CATEGORIES, type PersonalDataCategory } from './dpv.ts';

/**
 * Field types. `money` is an integer amount in minor units (cents) whose currency is held by the
 * field named in `currencyField`; never a float (rule L1).
 */
export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'timestamp', 'date', 'money'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Unit of measure, e.g. `s`, `m`, `km`, `minor` (minor currency units), `deg`. */
  unit?: string;
  /** W3C DPV personal-data category of what the field reveals. */
  category: PersonalDataCategory;
  /** Whether aggregate queries may group by this field (it must not single people out). */
  groupable: boolean;
  required: boolean;
  description: string;
  /** Allowed values for a string field; a declared domain lets grouping skip partition selection. */
  enum?: string[];
  /** For `money`: the string field holding the ISO 4217 currency code. */
  currencyField?: string;
}

export interface DatasetSchema {
  /** Schema format version, so stored schemas can be migrated (DESIGN.md example 6). */
  version: 1;
  fields: FieldDef[];
}

export interface Dataset {
  id: string;
  collectiveId: string;
  slug: string;
  name: string;
  description: string;
  schema: DatasetSchema;
  /** Name of the canonical dataset this is (e.g. `work_tasks`) or null for a custom one. */
  canonical: string | null;
  createdAt: Date;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Validates a dataset schema, naming each bad field by its path (`schema.fields.N.x`). */
export function validateSchema(schema: { version?: unknown; fields?: unknown }, path = 'schema'): DatasetSchema {
  const issues: FieldIssue[] = [];
  if (schema.version !== 1) issues.push({ field: `${path}.version`, message: 'must be 1' });
  if (!Array.isArray(schema.fields) || schema.fields.length === 0) {
    issues.push({ field: `${path}.fields`, message: 'must list at least one field' });
    throw new ValidationError(issues);
  }
  if (schema.fields.length > 200) issues.push({ field: `${path}.fields`, message: 'at most 200 fields' });
  const seen = new Set<string>();
  const fields = schema.fields as FieldDef[];
  fields.forEach((f, i) => {
    const at = `${path}.fields.${i}`;
    if (typeof f !== 'object' || f === null) {
      issues.push({ field: at, message: 'must be an object' });
      return;
    }
    if (typeof f.name !== 'string' || !NAME.test(f.name)) {
      issues.push({ field: `${at}.name`, message: 'use lower-case letters, digits and _ (start with a letter)' });
    } else if (seen.has(f.name)) {
      issues.push({ field: `${at}.name`, message: `"${f.name}" is declared twice` });
    } else seen.add(f.name);
    if (!(FIELD_TYPES as readonly string[]).includes(f.type)) {
      issues.push({ field: `${at}.type`, message: `must be one of ${FIELD_TYPES.join(', ')}` });
    }
    if (typeof f.category !== 'string' || !isPersonalDataCategory(f.category)) {
      issues.push({ field: `${at}.category`, message: `must be one of ${Object.keys(PERSONAL_DATA_CATEGORIES).join(', ')}` });
    }
    if (typeof f.groupable !== 'boolean') issues.push({ field: `${at}.groupable`, message: 'must be true or false' });
    if (typeof f.required !== 'boolean') issues.push({ field: `${at}.required`, message: 'must be true or false' });
    if (f.unit !== undefined && (typeof f.unit !== 'string' || f.unit.length > 32)) {
      issues.push({ field: `${at}.unit`, message: 'must be a short text' });
    }
    if (f.enum !== undefined) {
      if (f.type !== 'string' || !Array.isArray(f.enum) || f.enum.some((v) => typeof v !== 'string')) {
        issues.push({ field: `${at}.enum`, message: 'only string fields take a list of allowed values' });
      }
    }
  });
  fields.forEach((f, i) => {
    if (f?.type !== 'money') return;
    const cur = fields.find((g) => g?.name === f.currencyField);
    if (!cur || cur.type !== 'string') {
      issues.push({ field: `${path}.fields.${i}.currencyField`, message: 'must name a string field holding the currency' });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    version: 1,
    fields: fields.map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.unit ? { unit: f.unit } : {}),
      category: f.category,
      groupable: f.groupable,
      required: f.required,
      description: typeof f.description === 'string' ? f.description : '',
      ...(f.enum ? { enum: [...f.enum] } : {}),
      ...(f.currencyField ? { currencyField: f.currencyField } : {}),
    })),
  };
}
