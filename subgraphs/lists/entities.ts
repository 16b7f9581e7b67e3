import { EntitySchema } from 'typeorm';
import type { StoredStatus } from './rules/status';

export interface ListEntryRow {
  id: string;
  subjectType: 'LEGAL_PERSON' | 'NATURAL_PERSON';
  /** USCC for a legal person, the NaturalPerson.id pseudonym for a natural person (never an id number). */
  subjectId: string;
  listType: 'RED' | 'BLACK' | 'KEY_ATTENTION';
  domain: string;
  /** Org code of the initiating department. */
  listedBy: string;
  jurisdiction: string;
  standard: 'NATIONAL' | 'LOCAL';
  basis: string;
  decidedOn: string;
  periodEndsOn: string | null;
  noticeServedOn: string | null;
  published: boolean;
  /** 001 Art. 26 category of the listed behaviour (stated, or the domain's default): no credit repair for it. */
  seriousBehaviour: string | null;
  /** JSON array of the credit record ids the listing rests on; null when none were named. */
  recordIds: string | null;
  /** What was decided; EXPIRED is never stored, it is computed from periodEndsOn and today. */
  status: StoredStatus;
  endedOn: string | null;
  endReason: string | null;
  createdAt: Date;
}

export const ListEntryEntity = new EntitySchema<ListEntryRow>({
  name: 'ListEntry',
  tableName: 'list_entry',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    subjectType: { name: 'subject_type', type: 'varchar', length: 16 },
    subjectId: { name: 'subject_id', type: 'varchar', length: 32 },
    listType: { name: 'list_type', type: 'varchar', length: 16 },
    domain: { type: 'varchar', length: 32 },
    listedBy: { name: 'listed_by', type: 'varchar', length: 18 },
    jurisdiction: { type: 'varchar', length: 6 },
    standard: { type: 'varchar', length: 8 },
    basis: { type: 'varchar', length: 200 },
    decidedOn: { name: 'decided_on', type: 'date' },
    periodEndsOn: { name: 'period_ends_on', type: 'date', nullable: true },
    noticeServedOn: { name: 'notice_served_on', type: 'date', nullable: true },
    published: { type: 'boolean' },
    seriousBehaviour: { name: 'serious_behaviour', type: 'varchar', length: 24, nullable: true },
    recordIds: { name: 'record_ids', type: 'text', nullable: true },
    status: { type: 'varchar', length: 16 },
    endedOn: { name: 'ended_on', type: 'date', nullable: true },
    endReason: { name: 'end_reason', type: 'varchar', length: 500, nullable: true },
    createdAt: { name: 'created_at', type: 'datetime' },
  },
});

/** One row per status change of an entry, with its reason: the entry's history. */
export interface ListEntryEventRow {
  seq?: number;
  entryId: string;
  /** LISTED, NOTICE_SERVED, EXTENDED, REMOVED, REVOKED, DISPLACED_BY_BLACK, RESTORED, DECISION_NOOP. */
  event: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  /** Org code (or client id) of whoever caused the change. */
  actorOrg: string;
  onDate: string;
  /** Objection or repair decision delivered through the outbox; unique, so redelivery is a no-op. */
  decisionRef: string | null;
  /** The other entry involved, e.g. the BLACK entry that displaced a RED one. */
  relatedEntryId: string | null;
  createdAt: Date;
}

export const ListEntryEventEntity = new EntitySchema<ListEntryEventRow>({
  name: 'ListEntryEvent',
  tableName: 'list_entry_event',
  columns: {
    seq: { type: 'int', primary: true, generated: 'increment' },
    entryId: { name: 'entry_id', type: 'varchar', length: 36 },
    event: { type: 'varchar', length: 24 },
    fromStatus: { name: 'from_status', type: 'varchar', length: 16, nullable: true },
    toStatus: { name: 'to_status', type: 'varchar', length: 16 },
    reason: { type: 'varchar', length: 500, nullable: true },
    actorOrg: { name: 'actor_org', type: 'varchar', length: 64 },
    onDate: { name: 'on_date', type: 'date' },
    decisionRef: { name: 'decision_ref', type: 'varchar', length: 64, nullable: true },
    relatedEntryId: { name: 'related_entry_id', type: 'varchar', length: 36, nullable: true },
    createdAt: { name: 'created_at', type: 'datetime' },
  },
});
