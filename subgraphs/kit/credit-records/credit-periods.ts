import { join } from 'node:path';
import { z } from 'zod';
import type { PeriodLength } from '../calendar/period-end';
import { parseYamlConfig, readYamlConfig, type YamlConfig } from '../protocol/yaml-file';

// The periods of credit information are data (credit-periods.yaml), validated once at start-up; an
// error names the file, the line, the key and the rule (kit/protocol/yaml-file.ts).
export const CREDIT_PERIODS_FILE = join(__dirname, 'credit-periods.yaml');

const Length = z
  .strictObject({ years: z.number().int().min(0).max(20).optional(), months: z.number().int().min(0).max(240).optional() })
  .refine((p) => p.years !== undefined || p.months !== undefined, 'a period needs years or months (rule PERIOD_LENGTH)');
const Tier = z.strictObject({ minimum: Length, maximum: Length });
const Schema = z.strictObject({
  queryPeriod: Length,
  publication: z.strictObject({ LICENSING: Tier, MINOR: Tier, GENERAL: Tier, SERIOUS: Tier }),
  repair: z.strictObject({
    otherRecords: Length,
    listEntries: z.strictObject({ BLACK: Length.optional(), KEY_ATTENTION: Length.optional(), RED: Length.optional() }),
  }),
});

export type CreditPeriods = z.output<typeof Schema>;
export type PublicationKind = keyof CreditPeriods['publication'];

/** Months in a period, for comparing two of them (a year is 12 months). */
export function monthsOf(p: PeriodLength): number {
  return (p.years ?? 0) * 12 + (p.months ?? 0);
}

function build({ value, fail }: YamlConfig<CreditPeriods>): CreditPeriods {
  for (const [tier, { minimum, maximum }] of Object.entries(value.publication)) {
    if (monthsOf(minimum) > monthsOf(maximum)) fail(['publication', tier, 'minimum'], `the minimum exceeds the maximum (rule MINIMUM_NOT_ABOVE_MAXIMUM)`);
  }
  return value;
}

export function parseCreditPeriods(text: string, file = 'credit-periods.yaml'): CreditPeriods {
  return build(parseYamlConfig(text, file, Schema));
}

let loaded: CreditPeriods | null = null;

/** Loaded and validated once; each subgraph that uses it calls it at start-up so a bad file stops the process. */
export function creditPeriods(): CreditPeriods {
  return (loaded ??= build(readYamlConfig(CREDIT_PERIODS_FILE, Schema)));
}
