import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYamlConfig, type KeyPath } from '../kit/protocol/yaml-file';
import { LIST_TYPES, type GradingPolicy } from './rules/supervision-grade';

// The grading policy (003 items 7–9) is data people change (grading.yaml), checked once at start-up;
// an error names the file, the line, the key and the rule (kit/yaml-file).
export const GRADING_FILE = join(__dirname, 'grading.yaml');

const factor = z.number().positive('inspectionFrequencyFactor must be above 0').max(10, 'inspectionFrequencyFactor must be at most 10');
const listTypes = z.array(z.enum(LIST_TYPES)).default([]);
const risk = z
  .object({ inspectionFrequencyFactor: factor, activeListTypes: listTypes, minDishonestRecords: z.number().int().min(1).nullable().default(null) })
  .strict()
  .refine((r) => r.activeListTypes.length > 0 || r.minDishonestRecords !== null, 'a risk grade needs activeListTypes or minDishonestRecords');
const schema = z
  .object({
    A: z.object({ inspectionFrequencyFactor: factor, activeListTypes: listTypes.refine((t) => t.length > 0, 'A needs at least one list type'), maxDishonestRecords: z.number().int().min(0) }).strict(),
    B: z.object({ inspectionFrequencyFactor: factor }).strict(),
    C: risk,
    D: risk,
  })
  .strict();

export function parseGradingPolicy(text: string, file = 'grading.yaml'): GradingPolicy {
  const { value, fail } = parseYamlConfig(text, file, schema);
  const at = (grade: string, key: string): KeyPath => [grade, key];
  // 003 item 9: general risk is sampled at the regular ratio and frequency.
  if (value.B.inspectionFrequencyFactor !== 1) fail(at('B', 'inspectionFrequencyFactor'), 'must be 1: B is the regular inspection frequency (003 item 9)');
  // 003 item 9: good credit less often, high risk more often.
  if (value.A.inspectionFrequencyFactor > 1) fail(at('A', 'inspectionFrequencyFactor'), 'must not exceed 1: good credit is sampled less often (003 item 9)');
  if (value.C.inspectionFrequencyFactor < 1) fail(at('C', 'inspectionFrequencyFactor'), 'must be at least 1: high risk is sampled more often (003 item 9)');
  if (value.D.inspectionFrequencyFactor < value.C.inspectionFrequencyFactor) fail(at('D', 'inspectionFrequencyFactor'), `must be at least C's (${value.C.inspectionFrequencyFactor}): D is the higher risk`);
  // A list type gives one grade only; otherwise the order D, C, A would silently hide a rule.
  const owner = new Map<string, string>();
  for (const grade of ['D', 'C', 'A'] as const) {
    value[grade].activeListTypes.forEach((type, i) => {
      const first = owner.get(type);
      if (first) fail([grade, 'activeListTypes', i], `${type} already gives grade ${first}; a list type gives one grade only`);
      owner.set(type, grade);
    });
  }
  const [c, d] = [value.C.minDishonestRecords, value.D.minDishonestRecords];
  if (c !== null && d !== null && c >= d) fail(at('C', 'minDishonestRecords'), `must be below D's (${d}); D is checked first, so C would never apply`);
  return value;
}

let cached: GradingPolicy | undefined;

export function gradingPolicy(): GradingPolicy {
  cached ??= parseGradingPolicy(readFileSync(GRADING_FILE, 'utf8'));
  return cached;
}
