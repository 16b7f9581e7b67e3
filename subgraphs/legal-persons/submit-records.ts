import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { onceMoreOnLostRace } from '../kit/server/duplicate-key';
import { inChunks } from '../kit/server/loaders';
import { RuleViolation } from '../kit/protocol/errors';
import type { KeyFiles } from '../kit/protocol/keys';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import type { SubgraphName } from '../kit/protocol/topology';
import { enqueueInParts } from '../kit/server/outbox-parts';
import { checkBatchSize, otherSubjectType, recordViolations, type RecordInput } from '../kit/credit-records/input';
import { storedRecordMessage } from '../kit/credit-records/record-digest';
import { providerKey } from '../kit/credit-records/record-id';
import { byProvider, recordRow, storeRecords, storedByProviderKey } from '../kit/credit-records/write';
import { ForwardedRecordKeyEntity, LegalPersonEntity } from './entities';
import { forwardedStatuses } from './forwarded-statuses';

export const INGEST_NATURAL_PERSON_RECORDS = `mutation Ingest($records: [NaturalPersonRecordInput!]!) {
  ingestNaturalPersonCreditRecords(records: $records)
}`;

export type RecordStatus = 'ACCEPTED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface RecordResult {
  index: number;
  status: RecordStatus;
  field: string | null;
  rule: string | null;
  message: string | null;
  /** The stored legal-person record's id. */
  id: string | null;
}

export interface SubmitResult {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  forwarded: number;
  rejected: number;
  results: RecordResult[];
}

/** How legal-persons reaches natural-persons (keys: the subject key and the service signing key). */
export interface Peers {
  keys: KeyFiles;
  urlOf?: (name: SubgraphName) => string;
}

const FORWARDED = 'forwarded to the natural-persons subgraph, stored there on delivery; the status is what storing it does to the records natural-persons holds now';
const FORWARDED_UNASKED = 'forwarded to the natural-persons subgraph, which could not be asked now: its status will be known on delivery';

/** The provider keys among `rows` under which a natural-person record was forwarded. */
async function forwardedKeys(manager: EntityManager, rows: Pick<RecordInput, 'provider' | 'providerRecordId'>[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const [provider, ids] of byProvider(rows)) {
    const held = await inChunks(ids, (chunk) => manager.getRepository(ForwardedRecordKeyEntity).findBy({ provider, providerRecordId: In(chunk) }), 1_000);
    for (const k of held) found.add(providerKey(k));
  }
  return found;
}

const rejected = (index: number, v: RuleViolation): RecordResult => ({ index, status: 'REJECTED', field: v.field, rule: v.rule, message: v.message, id: null });

/**
 * Stores the good legal-person records and hands the good natural-person records to the natural-persons
 * subgraph through the outbox, in one transaction; each record is answered on its own, and a rejected
 * one writes nothing. `atomic`: one rejected record rejects the batch (thrown as its error).
 * Idempotent on (provider, providerRecordId): a re-sent batch is answered UNCHANGED and changes nothing.
 * A natural-person record's status is natural-persons' answer, asked before the transaction (README).
 */
export async function submitCreditRecords(db: DataSource, caller: Caller, records: RecordInput[], atomic: boolean, peers: Peers, today: string): Promise<SubmitResult> {
  checkBatchSize(records);
  // A providing unit submits under its own org code; only the platform may load records for others.
  const foreign = caller.kind === 'ADMIN' ? -1 : records.findIndex((r) => r.provider !== caller.org);
  if (foreign >= 0) throw new RuleViolation(`records[${foreign}].provider`, 'OWN_PROVIDER_ONLY', `records[${foreign}].provider must be the caller's org code ${caller.org ?? '(none)'}`, 'FORBIDDEN');
  const violations = recordViolations(records, today);
  records.forEach((r, i) => {
    // The natural-persons subgraph registers a person it does not know under this name; checked here,
    // before the outbox accepts the record, so no delivery can fail later for want of it.
    if (!violations[i] && r.subjectType === 'NATURAL_PERSON' && !r.subjectName?.trim()) {
      violations[i] = new RuleViolation(`records[${i}].subjectName`, 'REQUIRED_FOR_NATURAL_PERSON', `records[${i}].subjectName is required for a natural-person record`);
    }
  });
  // The rows are built as natural-persons will build them (its subject id is the person's pseudonym).
  const naturalAt = records.flatMap((r, i) => (!violations[i] && r.subjectType === 'NATURAL_PERSON' ? [i] : []));
  const naturalRows = naturalAt.map((i) => recordRow(records[i], naturalPersonId(peers.keys.subjectKey, records[i].subjectId.toUpperCase())));
  const legalCandidates = records.flatMap((r, i) => (!violations[i] && r.subjectType === 'LEGAL_PERSON' ? [i] : []));
  // Asked outside the transaction (no row lock waits on another subgraph): what storing each person record
  // would do there, and whether natural-persons holds a company record's provider key (any status but ACCEPTED).
  const asked = await forwardedStatuses([...naturalRows, ...legalCandidates.map((i) => recordRow(records[i], records[i].subjectId.toUpperCase()))], peers);
  const naturalStatuses = asked && asked.slice(0, naturalAt.length);
  asked?.slice(naturalAt.length).forEach((answer, n) => {
    if (answer.status !== 'ACCEPTED') violations[legalCandidates[n]] = otherSubjectType(legalCandidates[n], records[legalCandidates[n]], 'NATURAL_PERSON');
  });
  return onceMoreOnLostRace(() => db.transaction(async (manager) => {
    const usccs = [...new Set(records.filter((r, i) => !violations[i] && r.subjectType === 'LEGAL_PERSON').map((r) => r.subjectId.toUpperCase()))];
    const found = await inChunks(usccs, (chunk) => manager.getRepository(LegalPersonEntity).find({ select: { uscc: true }, where: { uscc: In(chunk) } }), 1_000);
    const known = new Set(found.map((r) => r.uscc));
    // A person record under a provider key this subgraph holds a company record by; a company record under the
    // key of a person record forwarded (perhaps not yet delivered, so natural-persons could not say).
    const heldHere = await storedByProviderKey(manager, naturalRows, ['provider', 'providerRecordId']);
    const forwardedBefore = await forwardedKeys(manager, legalCandidates.map((i) => records[i]));
    const checked = violations.map((v, i) => {
      const r = records[i];
      if (v) return v;
      if (r.subjectType === 'NATURAL_PERSON') return heldHere.has(providerKey(r)) ? otherSubjectType(i, r, 'LEGAL_PERSON') : null;
      if (forwardedBefore.has(providerKey(r))) return otherSubjectType(i, r, 'NATURAL_PERSON');
      return known.has(r.subjectId.toUpperCase()) ? null : new RuleViolation(`records[${i}].subjectId`, 'UNKNOWN_SUBJECT', `no legal person ${r.subjectId} is registered`);
    });
    const firstBad = checked.find((v) => v !== null);
    if (atomic && firstBad) throw firstBad;

    const results: RecordResult[] = checked.map((v, index) => (v ? rejected(index, v) : { index, status: 'ACCEPTED', field: null, rule: null, message: null, id: null }));
    const legalAt = records.flatMap((r, i) => (!checked[i] && r.subjectType === 'LEGAL_PERSON' ? [i] : []));
    const counts = await storeRecords(manager, legalAt.map((i) => recordRow({ ...records[i], subjectId: records[i].subjectId.toUpperCase() }, records[i].subjectId.toUpperCase())));
    legalAt.forEach((i, n) => Object.assign(results[i], { status: counts.statuses[n], id: counts.ids[n], message: counts.messages[n] }));
    const forwardedAt = naturalAt.filter((i) => !checked[i]);
    if (forwardedAt.length) {
      const forwarded = forwardedAt.map((i) => {
        const { subjectType: _t, subjectId, ...rest } = records[i];
        return { ...rest, idNumber: subjectId.toUpperCase(), decisionKind: rest.decisionKind ?? 'OTHER' };
      });
      // Several rows of ~1 MB each, in order: one row for 10,000 records would outgrow any column.
      await enqueueInParts(manager, 'natural-persons', INGEST_NATURAL_PERSON_RECORDS, 'records', forwarded);
      const keys = forwardedAt.map((i) => ({ provider: records[i].provider, providerRecordId: records[i].providerRecordId }));
      for (let k = 0; k < keys.length; k += 1_000) await manager.createQueryBuilder().insert().into(ForwardedRecordKeyEntity).values(keys.slice(k, k + 1_000)).orIgnore().execute();
      naturalAt.forEach((i, n) => {
        const answer = naturalStatuses?.[n];
        if (checked[i]) return;
        if (!answer) Object.assign(results[i], { message: FORWARDED_UNASKED });
        else {
          const why = storedRecordMessage(answer, !!answer.correctedOn);
          Object.assign(results[i], { status: answer.status, message: why ? `${FORWARDED}; ${why}` : FORWARDED });
        }
      });
    }
    // The counters are the per-record statuses counted, forwarded records included.
    const count = (status: RecordStatus) => results.filter((r) => r.status === status).length;
    return {
      accepted: records.length - count('REJECTED'), created: count('ACCEPTED'), updated: count('UPDATED'), unchanged: count('UNCHANGED'),
      forwarded: forwardedAt.length, rejected: count('REJECTED'), results,
    };
  }));
}
