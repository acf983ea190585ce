import { CANONICAL_DATASETS, categoryIri, COLLECTIVE_KINDS, FIELD_TYPES, PERSONAL_DATA_CATEGORIES, ROLES, type PersonalDataCategory } from '@steward/core';

/** The vocabularies the API speaks, for forms and for programs. */
export function reference() {
  return {
    collectiveKinds: [...COLLECTIVE_KINDS],
    roles: [...ROLES],
    fieldTypes: [...FIELD_TYPES],
    personalDataCategories: (Object.keys(PERSONAL_DATA_CATEGORIES) as PersonalDataCategory[]).map((id) => ({
      id,
      iri: categoryIri(id),
      description: PERSONAL_DATA_CATEGORIES[id],
    })),
    canonicalDatasets: CANONICAL_DATASETS.map((d) => ({ canonical: d.canonical, name: d.name, description: d.description, schema: d.schema })),
  };
}
