import { join } from 'node:path';
import { z } from 'zod';
import { usccRuleBroken } from '../protocol/codes';
import { parseYamlConfig, readYamlConfig, type YamlConfig } from '../protocol/yaml-file';
import { RECORD_CATEGORIES } from './entity';

// The information catalogue (001 Art. 9; 000 items 24, 44) is data (information-catalogue.yaml),
// validated once at start-up; an error names the file, the line, the key and the rule.
export const CATALOGUE_FILE = join(__dirname, 'information-catalogue.yaml');

export const PUBLICATION_RULES = ['DOUBLE_PUBLICITY', 'PUBLIC', 'NOT_PUBLIC'] as const;

const OrgCode = z.string().refine((code) => usccRuleBroken(code) === null, 'a provider is an org code (USCC) with a valid check character (rule PROVIDER_ORG_CODE)');
const Item = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'a code is 2–32 capital letters, digits and dashes (rule ITEM_CODE)'),
  name: z.string().min(1).max(100),
  category: z.enum(RECORD_CATEGORIES),
  subjectType: z.enum(['LEGAL_PERSON', 'NATURAL_PERSON']),
  public: z.boolean(),
  dishonest: z.boolean(),
  publication: z.enum(PUBLICATION_RULES),
  providers: z.array(OrgCode).min(1, 'an item needs at least one providing unit (rule PROVIDERS_REQUIRED)'),
});
const Schema = z.strictObject({
  // Anchors for provider lists shared by several items.
  demoProviders: z.array(OrgCode).optional(),
  items: z.array(Item).min(1),
});

export type CatalogueItem = z.output<typeof Item>;

export interface InformationCatalogue {
  items: readonly CatalogueItem[];
  byCode: ReadonlyMap<string, CatalogueItem & { providerSet: ReadonlySet<string> }>;
}

function build({ value, fail }: YamlConfig<z.output<typeof Schema>>): InformationCatalogue {
  const byCode = new Map<string, CatalogueItem & { providerSet: ReadonlySet<string> }>();
  value.items.forEach((item, i) => {
    if (byCode.has(item.code)) fail(['items', i, 'code'], `${item.code} is listed twice (rule UNIQUE_CODE)`);
    if (item.publication === 'NOT_PUBLIC' && item.public) fail(['items', i, 'publication'], 'a NOT_PUBLIC item cannot be public (rule PUBLICATION_MATCHES_PUBLIC)');
    if (item.publication !== 'NOT_PUBLIC' && !item.public) fail(['items', i, 'publication'], `a ${item.publication} item must be public (rule PUBLICATION_MATCHES_PUBLIC)`);
    byCode.set(item.code, { ...item, providerSet: new Set(item.providers) });
  });
  return { items: value.items, byCode };
}

export function parseCatalogue(text: string, file = 'information-catalogue.yaml'): InformationCatalogue {
  return build(parseYamlConfig(text, file, Schema));
}

let loaded: InformationCatalogue | null = null;

/** Loaded and validated once; each person subgraph calls it at start-up so a bad file stops the process. */
export function informationCatalogue(): InformationCatalogue {
  return (loaded ??= build(readYamlConfig(CATALOGUE_FILE, Schema)));
}
