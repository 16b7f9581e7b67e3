import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlConfig } from '../kit/protocol/yaml-file';
import type { PeriodPolicy } from './rules/periods';
import { SERIOUS_BEHAVIOURS } from '../kit/protocol/serious-behaviour';

// The listing-period policy is data people change (list-periods.yaml), checked once at start-up;
// an error names the file, the line, the key and the rule (kit/yaml-file).
export const PERIOD_POLICY_FILE = join(__dirname, 'list-periods.yaml');

const years = z.number().int().min(0).max(20);
const domainPeriod = z
  .object({
    defaultYears: years,
    maxYears: years,
    extension: z.object({ minYears: years, maxYears: years }).strict().refine((e) => e.minYears <= e.maxYears, 'minYears must not exceed maxYears').optional(),
    seriousBehaviour: z.enum(SERIOUS_BEHAVIOURS, { message: `seriousBehaviour is one of ${SERIOUS_BEHAVIOURS.join(', ')} (001 Art. 26, rule ENUM)` }).optional(),
  })
  .strict()
  .refine((d) => d.defaultYears <= d.maxYears, 'defaultYears must not exceed maxYears');
const policySchema = z
  .object({ default: domainPeriod, domains: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a domain is lower-case words joined by -'), domainPeriod).default({}) })
  .strict();

export function parsePeriodPolicy(text: string, file = 'list-periods.yaml'): PeriodPolicy {
  return parseYamlConfig(text, file, policySchema).value;
}

let cached: PeriodPolicy | undefined;

export function periodPolicy(): PeriodPolicy {
  cached ??= parsePeriodPolicy(readFileSync(PERIOD_POLICY_FILE, 'utf8'));
  return cached;
}
