import type { DataSource } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { CreditRecordEntity, type CreditRecordRow } from '../kit/credit-records/entity';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import type { RecordInput } from '../kit/credit-records/input';
import { isQueryable } from '../kit/credit-records/query-period';
import { recordRow, storeRecords } from '../kit/credit-records/write';
import { MembershipEntity } from './entities';
import { ASSOCIATION_RECORD_CATEGORY, INDUSTRY_MEASURES, MEASURE_RECORDS, RED_LIST_RECOMMENDATION, providerRecordIdFor, type IndustryMeasure, type MeasureRecordShape } from './rules/industry-measures';
import { onceMoreOnLostRace } from '../kit/server/duplicate-key';
import { requirePastOrToday, requireText } from '../kit/server/validate';

// The association half of the loop (000 items 4, 18; 001 Art. 22): a measure or a red-list
// recommendation becomes a credit record of the member, idempotent on the association's key.

export interface IndustryMeasureInput {
  idempotencyKey: string;
  uscc: string;
  measure: IndustryMeasure;
  reason: string;
  decidedOn: string;
  decisionNumber?: string | null;
}

export interface RedListRecommendationInput {
  idempotencyKey: string;
  uscc: string;
  reason: string;
  decidedOn: string;
}

/** 000 item 18: only an industry association, known by its organization code, regulates members. */
export function associationOf(caller: Caller): string {
  if (caller.kind !== 'ASSOCIATION') throw new RuleViolation('caller', 'NOT_AN_ASSOCIATION', `a ${caller.kind} caller is not an industry association`, ErrorCode.FORBIDDEN);
  if (!caller.org) throw new RuleViolation('caller', 'ORG_REQUIRED', 'the calling association has no organization code', ErrorCode.FORBIDDEN);
  return caller.org;
}


function recordInput(org: string, uscc: string, shape: MeasureRecordShape, providerRecordId: string, content: string, decidedOn: string, decisionNumber: string | null): RecordInput {
  return {
    subjectType: 'LEGAL_PERSON', subjectId: uscc, category: ASSOCIATION_RECORD_CATEGORY, sourceDepartment: org, title: shape.title, content,
    decisionNumber, decidedOn, behaviourEndedOn: null, public: shape.public, dishonest: shape.dishonest, decisionKind: 'OTHER', penaltyTier: null,
    provider: org, providerRecordId,
    // Checked by membership, not by the catalogue's provider list: any association regulates its members (000 item 18).
    item: 'LP-MANAGEMENT',
  };
}

/** Checks everything that needs no database; returns the record to store. */
export function industryMeasureRecord(org: string, input: IndustryMeasureInput, today: string): RecordInput {
  const key = requireText('input.idempotencyKey', input.idempotencyKey, 100);
  if (!INDUSTRY_MEASURES.includes(input.measure)) throw new RuleViolation('input.measure', 'ENUM', 'input.measure is not an industry measure');
  const reason = requireText('input.reason', input.reason, 20_000);
  const decisionNumber = input.decisionNumber?.trim() ? requireText('input.decisionNumber', input.decisionNumber, 64) : null;
  const decidedOn = requirePastOrToday('input.decidedOn', input.decidedOn, today);
  const shape = MEASURE_RECORDS[input.measure];
  // A dishonesty measure decided more than the query period ago would be stored already unprovidable (001 Art. 30).
  if (!isQueryable({ dishonest: shape.dishonest, behaviourEndedOn: null, decidedOn }, today)) {
    throw new RuleViolation('input.decidedOn', 'PAST_QUERY_PERIOD', `input.decidedOn ${decidedOn} is past the query period of dishonesty information (001 Art. 30): a measure decided then is not provided or used`);
  }
  return recordInput(org, input.uscc, shape, providerRecordIdFor('industry-measure', key), reason, decidedOn, decisionNumber);
}

export function redListRecommendationRecord(org: string, input: RedListRecommendationInput, today: string): RecordInput {
  const key = requireText('input.idempotencyKey', input.idempotencyKey, 100);
  const reason = requireText('input.reason', input.reason, 20_000);
  const decidedOn = requirePastOrToday('input.decidedOn', input.decidedOn, today);
  return recordInput(org, input.uscc, RED_LIST_RECOMMENDATION, providerRecordIdFor('red-list-recommendation', key), reason, decidedOn, null);
}

/**
 * Stores the record for a member of the association, in one transaction: a non-member is FORBIDDEN;
 * the same key with the same content returns the stored record; with other content it is refused
 * and the transaction rolls back, so nothing is written.
 */
export async function storeMemberRecord(db: DataSource, org: string, input: RecordInput, today: string): Promise<CreditRecordRow> {
  const uscc = input.subjectId;
  const row = recordRow(input, uscc);
  const attempt = () =>
    db.transaction(async (manager) => {
      // 000 item 18: "对失信会员" — an association regulates its own members only.
      if (!(await manager.getRepository(MembershipEntity).existsBy({ associationOrg: org, uscc }))) {
        throw new RuleViolation('input.uscc', 'NOT_A_MEMBER', `${uscc} is not a member of association ${org}`, ErrorCode.FORBIDDEN);
      }
      const counts = await storeRecords(manager, [row]);
      if (counts.updated) {
        throw new RuleViolation('input.idempotencyKey', 'IDEMPOTENCY_KEY_REUSED', 'input.idempotencyKey was already used by this association for a different record');
      }
      return manager.getRepository(CreditRecordEntity).findOneByOrFail({ id: counts.ids[0] });
    });
  // A concurrent retry with the same key may win the unique index; answer as if it came first.
  return onceMoreOnLostRace(attempt);
}
