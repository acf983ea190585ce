/**
 * Personal-data categories from the W3C Data Privacy Vocabulary, PD extension
 * (https://w3id.org/dpv/pd#). Only the categories Steward's datasets use are listed; a dataset
 * field names one of them so members and requesters see what kind of data it is.
 */
export const DPV_PD = 'https://w3id.org/dpv/pd#';

export const PERSONAL_DATA_CATEGORIES = {
  'pd:Location': 'Where you were (places, GPS points, cities).',
  'pd:Income': 'What you earned, including fares, tips and bonuses.',
  'pd:Transaction': 'Payments and deductions, such as fees and commissions.',
  'pd:WorkHistory': 'When and how you worked: trips, shifts and hours.',
  'pd:PerformanceAtWork': 'Ratings, acceptance rates and penalties at work.',
  'pd:Professional': 'Your job, platform, vehicle type or workplace.',
  'pd:Identifying': 'Identifiers, such as trip or order numbers.',
  'pd:Behavioral': 'What you do and how, such as app activity.',
  'pd:Health': 'Health readings and conditions.',
} as const;

export type PersonalDataCategory = keyof typeof PERSONAL_DATA_CATEGORIES;

export function isPersonalDataCategory(value: string): value is PersonalDataCategory {
  return Object.hasOwn(PERSONAL_DATA_CATEGORIES, value);
}

/** The full IRI of a `pd:` category. */
export function categoryIri(category: PersonalDataCategory): string {
  return DPV_PD + category.slice('pd:'.length);
}
