// Graded supervision (003 items 7–9): one grade per company, computed from its dishonesty records
// inside the 5-year query period (001 Art. 30) and its active list entries, is what supervising
// departments use to set how often random inspections (双随机) sample it. Thresholds: grading.yaml.

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const LIST_TYPES = ['RED', 'BLACK', 'KEY_ATTENTION'] as const;
export type ListType = (typeof LIST_TYPES)[number];

/** A risk grade (C, D): any active entry of these list types, or at least this many dishonesty records. */
export interface RiskGradeRule {
  inspectionFrequencyFactor: number;
  activeListTypes: ListType[];
  minDishonestRecords: number | null;
}

/** The good-credit grade (A): an active entry of these list types and at most this many dishonesty records. */
export interface GoodGradeRule {
  inspectionFrequencyFactor: number;
  activeListTypes: ListType[];
  maxDishonestRecords: number;
}

export interface GradingPolicy {
  A: GoodGradeRule;
  B: { inspectionFrequencyFactor: number };
  C: RiskGradeRule;
  D: RiskGradeRule;
}

export interface GradeFacts {
  /** Dishonesty records whose behaviour ended inside the 5-year query period (001 Art. 30). */
  dishonestRecords: number;
  /** Entries in force today, from the lists subgraph. */
  activeListEntries: readonly { listType: string; domain: string }[];
}

export interface SupervisionGrade {
  grade: Grade;
  reasons: string[];
  inspectionFrequencyFactor: number;
}

const countText = (n: number) => `${n} dishonesty record${n === 1 ? '' : 's'} in the 5-year query period`;

function entryReasons(facts: GradeFacts, types: readonly string[]): string[] {
  return facts.activeListEntries.filter((e) => types.includes(e.listType)).map((e) => `active ${e.listType} list entry (${e.domain})`);
}

function riskReasons(rule: RiskGradeRule, facts: GradeFacts): string[] {
  const reasons = entryReasons(facts, rule.activeListTypes);
  if (rule.minDishonestRecords !== null && facts.dishonestRecords >= rule.minDishonestRecords) {
    reasons.push(`${countText(facts.dishonestRecords)} (at least ${rule.minDishonestRecords})`);
  }
  return reasons;
}

/** Checked in the order D, C, A; a company that meets none of them is B. */
export function supervisionGrade(policy: GradingPolicy, facts: GradeFacts): SupervisionGrade {
  // 003 item 9: illegal, dishonest, high-risk subjects are sampled at a higher ratio and frequency.
  for (const grade of ['D', 'C'] as const) {
    const reasons = riskReasons(policy[grade], facts);
    if (reasons.length) return { grade, reasons, inspectionFrequencyFactor: policy[grade].inspectionFrequencyFactor };
  }
  // 003 item 9: good credit and low risk — a lower ratio and frequency, less disturbance of business.
  const good = entryReasons(facts, policy.A.activeListTypes);
  if (good.length && facts.dishonestRecords <= policy.A.maxDishonestRecords) {
    return { grade: 'A', reasons: [...good, `${countText(facts.dishonestRecords)} (at most ${policy.A.maxDishonestRecords})`], inspectionFrequencyFactor: policy.A.inspectionFrequencyFactor };
  }
  // 003 item 9: general credit risk — the regular ratio and frequency.
  return {
    grade: 'B',
    reasons: [`no list entry or dishonesty count that raises or lowers the grade; ${countText(facts.dishonestRecords)}`],
    inspectionFrequencyFactor: policy.B.inspectionFrequencyFactor,
  };
}
