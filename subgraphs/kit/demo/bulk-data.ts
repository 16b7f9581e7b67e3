import { DEMO_SUBJECT, LEGAL_CATEGORY_WEIGHTS, NATURAL_CATEGORY_WEIGHTS, recordsFor, recordsForLegalPerson, type DemoLegalPerson, type DemoNaturalPerson, type DemoRecord } from './demo-data';

// The bulk data set (npm run seed) is the demo data set (demo-data.ts) grown by index: the same
// subjects, list entries and record streams, with a record count per subject chosen so that a
// requested total is met exactly. Every function here is deterministic and needs no memory of
// earlier subjects, so the seed can stream millions of rows. The demo generators seed each index
// with 32 bits, so at this scale a few indexes repeat an earlier subject or list entry id: the
// seed skips those indexes and counts subjects by k, the ordinal of the distinct ones.

// Mean count of recordsForLegalPerson (int(2, 8)) and recordsForNaturalPerson (int(0, 4)).
const LEGAL_MEAN = 5;
const NATURAL_MEAN = 2;

export interface RecordPlan {
  legalPersons: number;
  naturalPersons: number;
  /** Records of legal persons, the demo subject's included. */
  legal: number;
  natural: number;
}

/** Splits `total` records between the two subject types in the demo generators' per-subject mix. */
export function planRecords(total: number, legalPersons: number, naturalPersons: number): RecordPlan {
  const legalWeight = LEGAL_MEAN * legalPersons;
  const weight = legalWeight + NATURAL_MEAN * naturalPersons;
  const legal = weight === 0 ? 0 : Math.round((total * legalWeight) / weight);
  return { legalPersons, naturalPersons, legal, natural: total - legal };
}

// A 32-bit integer mix (murmur3 finalizer): cheap, deterministic jitter per subject.
function mix(k: number, salt: number): number {
  let h = Math.imul(k ^ salt, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * How many of `total` records subject k (0 ≤ k < n) gets: at least `min` each, the rest spread with
 * jitter. Counts are cumulative floors F(k+1) − F(k) with F(0) = 0 and F(n) = total, so they
 * always add up to `total` and range from min to about twice the mean.
 */
export function recordCountAt(k: number, n: number, total: number, min: number, salt: number): number {
  const floor = Math.min(min, Math.floor(total / n));
  const extra = total - floor * n;
  const cumulative = (m: number): number => {
    if (m <= 0) return 0;
    if (m >= n) return extra;
    const jitter = Math.floor((mix(m, salt) / 2 ** 32) * extra);
    return Math.floor((m * extra + jitter) / n);
  };
  return floor + cumulative(k + 1) - cumulative(k);
}

let demoSubjectRecords: number | undefined;

/** How many records the demo subject has (its demo records, two dishonesty records among them). */
export function demoSubjectRecordCount(): number {
  return (demoSubjectRecords ??= recordsForLegalPerson(0, DEMO_SUBJECT).length);
}

/**
 * Records of the k-th distinct legal person, generated from index i (the demo stream `lp-rec:i`);
 * the demo subject (i = k = 0) keeps exactly its demo records, dishonesty included.
 */
export function bulkRecordsForLegalPerson(i: number, k: number, lp: DemoLegalPerson, plan: RecordPlan): DemoRecord[] {
  if (i === 0) return recordsForLegalPerson(0, lp);
  const rest = Math.max(0, plan.legal - demoSubjectRecordCount());
  // At least one each, so every company's first demo record (which objections may target) exists.
  const count = plan.legalPersons > 1 ? recordCountAt(k - 1, plan.legalPersons - 1, rest, 1, 0x1e9a1) : 0;
  return recordsFor('LEGAL_PERSON', lp.uscc, `lp-rec:${i}`, count, LEGAL_CATEGORY_WEIGHTS);
}

/** Records of the k-th distinct natural person, generated from index j (the demo stream `np-rec:j`). */
export function bulkRecordsForNaturalPerson(j: number, k: number, np: DemoNaturalPerson, plan: RecordPlan): DemoRecord[] {
  const count = recordCountAt(k, plan.naturalPersons, plan.natural, 0, 0x2a7b3);
  return recordsFor('NATURAL_PERSON', np.idNumber, `np-rec:${j}`, count, NATURAL_CATEGORY_WEIGHTS);
}
