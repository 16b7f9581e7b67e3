import type { Caller } from '../../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../../kit/protocol/errors';
import { ART_26_ITEM, isSeriousBehaviour } from '../../kit/protocol/serious-behaviour';
import { hasRunOut, periodEnd, type PeriodLength } from '../../kit/calendar/period-end';

// Credit repair (000 items 16, 38–39; 002 四(四); 001 Art. 32): a subject that corrected its behaviour
// applies with evidence; a public credit commitment is always required; never for 001 Art. 26 behaviours.

export const REPAIR_EVIDENCE = [
  'PUBLIC_CREDIT_COMMITMENT', // 信用承诺
  'REPAIR_TRAINING', // 信用修复培训
  'CREDIT_REPORT', // 信用报告
  'PUBLIC_WELFARE_SERVICE', // 公益服务 (000 item 16)
  'RECTIFICATION_PROOF', // 整改到位的证明 (002 四(四))
  'OBLIGATIONS_PERFORMED', // 履行法定义务的证明
] as const;
export type RepairEvidence = (typeof REPAIR_EVIDENCE)[number];

export const MAX_REASON_LENGTH = 2000;

/**
 * 001 Art. 32 ¶2: no repair for the special serious behaviours of Art. 26 — a fact of the listing or the
 * record, stated by the unit that made it, never the applicant's own declaration.
 */
export function requireNotSeriousBehaviour(field: string, what: string, seriousBehaviour: string | null): void {
  if (seriousBehaviour === null) return;
  const item = isSeriousBehaviour(seriousBehaviour) ? ` ${ART_26_ITEM[seriousBehaviour]}` : '';
  throw new RuleViolation(field, 'REPAIR_NOT_AVAILABLE', `credit repair is not available: ${what} is a special serious behaviour ${seriousBehaviour} (001 Art. 26${item}; Art. 32)`);
}

/**
 * National rules in force now: repair may be applied for once the minimum period has passed
 * (credit-periods.yaml repair; kit/calendar/period-end.ts: from its end day on).
 */
export function requireMinimumPeriodPassed(field: string, what: string, start: string, minimum: PeriodLength | undefined, today: string): void {
  if (!minimum || hasRunOut(start, minimum, today)) return;
  const length = [minimum.years ? `${minimum.years} year(s)` : '', minimum.months ? `${minimum.months} month(s)` : ''].filter(Boolean).join(' ');
  throw new RuleViolation(field, 'MINIMUM_PERIOD_NOT_PASSED', `${what} may be repaired from ${periodEnd(start, minimum)}: the minimum period before repair is ${length} from ${start} (credit-periods.yaml)`);
}

/** Returns the evidence, de-duplicated in the order given, or throws naming the field and rule. */
export function checkRepairEvidence(evidence: readonly string[]): RepairEvidence[] {
  const unknown = evidence.findIndex((e) => !(REPAIR_EVIDENCE as readonly string[]).includes(e));
  if (unknown >= 0) throw new RuleViolation(`input.evidence[${unknown}]`, 'ENUM', `input.evidence[${unknown}] "${evidence[unknown]}" is not a kind of repair evidence`);
  if (!evidence.includes('PUBLIC_CREDIT_COMMITMENT')) {
    throw new RuleViolation('input.evidence', 'PUBLIC_CREDIT_COMMITMENT_REQUIRED', 'a repair application needs a public credit commitment (PUBLIC_CREDIT_COMMITMENT)');
  }
  return [...new Set(evidence)] as RepairEvidence[];
}

/**
 * "Who finds, repairs" (DOMAIN.md; 002 四(四)): the body that made the finding decides — the entry's
 * initiating department, the record's provider. The platform decides only rows filed before that body
 * was recorded; it never decides for another body.
 */
export function mayDecideRepair(caller: Caller, row: { listedBy: string | null }): boolean {
  if (row.listedBy === null) return caller.kind === 'ADMIN';
  return (caller.kind === 'DEPARTMENT' || caller.kind === 'COURT') && caller.org === row.listedBy;
}

export function checkRepairDecision(status: string, approve: boolean, reason: string | null | undefined): string | null {
  if (status !== 'PENDING') throw new RuleViolation('id', 'ALREADY_DECIDED', `the repair application is already ${status}`, ErrorCode.CONFLICT);
  const text = reason?.trim() || null;
  if (!approve && !text) throw new RuleViolation('reason', 'REASON_REQUIRED', 'a rejected repair application needs a reason');
  if (text && text.length > MAX_REASON_LENGTH) throw new RuleViolation('reason', 'MAX_LENGTH', `reason is longer than ${MAX_REASON_LENGTH} characters`);
  return text;
}
