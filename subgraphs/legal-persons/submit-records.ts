import { In, type DataSource } from 'typeorm';
import { CreditRecordEntity, type CreditRecordRow } from '../kit/credit-records';
import { recordId } from '../kit/demo-data';
import { RuleViolation } from '../kit/errors';
import { enqueue } from '../kit/outbox';
import { validateRecordInputs, type RecordInput } from '../kit/record-input';
import { LegalPersonEntity } from './entities';

export const INGEST_NATURAL_PERSON_RECORDS = `mutation Ingest($records: [NaturalPersonRecordInput!]!) {
  ingestNaturalPersonCreditRecords(records: $records)
}`;

export interface SubmitResult {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  forwarded: number;
}

const COMPARED: (keyof CreditRecordRow)[] = ['category', 'sourceDepartment', 'title', 'content', 'decisionNumber', 'decidedOn', 'behaviourEndedOn', 'public', 'dishonest', 'decisionKind', 'penaltyTier'];

function toRow(r: RecordInput, today: string): CreditRecordRow {
  const decisionKind = r.decisionKind ?? 'OTHER';
  return {
    id: recordId(r.provider, r.providerRecordId),
    subjectId: r.subjectId,
    category: r.category,
    sourceDepartment: r.sourceDepartment,
    title: r.title,
    content: r.content,
    decisionNumber: r.decisionNumber ?? null,
    decidedOn: r.decidedOn,
    behaviourEndedOn: r.behaviourEndedOn ?? null,
    public: r.public,
    dishonest: r.dishonest,
    decisionKind,
    penaltyTier: r.penaltyTier ?? null,
    // Double publicity: a public licensing or penalty decision is published when the platform receives it.
    publishedOn: r.public && decisionKind !== 'OTHER' ? today : null,
    provider: r.provider,
    providerRecordId: r.providerRecordId,
  };
}

/**
 * Stores legal-person records and hands natural-person records to the natural-persons subgraph
 * through the outbox, in one transaction: all or nothing, idempotent on (provider, providerRecordId).
 */
export async function submitCreditRecords(db: DataSource, records: RecordInput[], today: string): Promise<SubmitResult> {
  validateRecordInputs(records);
  const legal = records.filter((r) => r.subjectType === 'LEGAL_PERSON').map((r) => ({ ...r, subjectId: r.subjectId.toUpperCase() }));
  const natural = records.filter((r) => r.subjectType === 'NATURAL_PERSON');
  return db.transaction(async (manager) => {
    const usccs = [...new Set(legal.map((r) => r.subjectId))];
    const known = new Set((await manager.getRepository(LegalPersonEntity).find({ select: { uscc: true }, where: { uscc: In(usccs) } })).map((r) => r.uscc));
    const unknownAt = records.findIndex((r) => r.subjectType === 'LEGAL_PERSON' && !known.has(r.subjectId.toUpperCase()));
    if (unknownAt >= 0) throw new RuleViolation(`records[${unknownAt}].subjectId`, 'UNKNOWN_SUBJECT', `no legal person ${records[unknownAt].subjectId} is registered`);

    const rows = legal.map((r) => toRow(r, today));
    const repo = manager.getRepository(CreditRecordEntity);
    const existing = new Map((rows.length ? await repo.findBy({ id: In(rows.map((r) => r.id)) }) : []).map((r) => [r.id, r]));
    const result: SubmitResult = { accepted: records.length, created: 0, updated: 0, unchanged: 0, forwarded: natural.length };
    const fresh: CreditRecordRow[] = [];
    for (const row of rows) {
      const old = existing.get(row.id);
      if (!old) fresh.push(row);
      else if (COMPARED.every((k) => old[k] === row[k]) && old.subjectId === row.subjectId) result.unchanged++;
      else {
        await repo.update(row.id, { ...row, publishedOn: old.publishedOn ?? row.publishedOn });
        result.updated++;
      }
    }
    for (let i = 0; i < fresh.length; i += 500) await repo.insert(fresh.slice(i, i + 500));
    result.created = fresh.length;
    if (natural.length) {
      const forwarded = natural.map(({ subjectType: _t, subjectId, ...rest }) => ({ ...rest, idNumber: subjectId.toUpperCase(), decisionKind: rest.decisionKind ?? 'OTHER' }));
      await enqueue(manager, 'natural-persons', INGEST_NATURAL_PERSON_RECORDS, { records: forwarded });
    }
    return result;
  });
}
