import type DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { hasScope, type Caller } from '../kit/protocol/caller';
import { today as todayIso } from '../kit/calendar/clock';
import { groupLoader, inChunks, rowLoader } from '../kit/server/loaders';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryEventRow, type ListEntryRow } from './entities';
import { statusCondition } from './status-sql';
import { reachCondition, type Reach } from './publication';

// gateway/authorization.yaml: unpublished entries and list history need lists:read.
export const LISTS_READ = 'lists:read';

export interface SubjectEntryArgs {
  listType?: string | null;
  activeOnly?: boolean | null;
}

export interface Loaders {
  /** "Today" for every status in this request (kit/clock: CREDIT_TODAY pins it). */
  today: string;
  seesUnpublished: boolean;
  /** In listEntry / listEntries, which span every subject; also the only readers of entries awaiting notice. */
  seesAllUnpublished: boolean;
  /** What the caller reads under a subject (publication.ts). */
  subjectReach: Reach;
  entry: DataLoader<string, ListEntryRow | null>;
  /** LegalPerson/NaturalPerson.listEntries: one loader (one SELECT per batch) per argument set. */
  bySubject(args: SubjectEntryArgs): DataLoader<string, ListEntryRow[]>;
  /** Entries in force, published or not: what triggers measures and the Art. 28 linkage. */
  activeBySubject: DataLoader<string, ListEntryRow[]>;
  events: DataLoader<string, ListEntryEventRow[]>;
}

export function createLoaders(db: DataSource, caller: Caller): Loaders {
  const today = todayIso();
  // Unpublished entries are non-public: the scope and a declared purpose (001 Art. 15). Under a
  // subject the legal-persons row rule (callerMayRead) has already limited associations and subjects.
  const seesUnpublished = hasScope(caller, LISTS_READ) && caller.purpose !== null;
  // Listing across all subjects has no such rule: there only official bodies see unpublished entries.
  const seesAllUnpublished = seesUnpublished && (caller.kind === 'DEPARTMENT' || caller.kind === 'COURT' || caller.kind === 'ADMIN');
  const repo = db.getRepository(ListEntryEntity);
  const subjectReach: Reach = seesAllUnpublished ? 'ALL' : seesUnpublished ? 'UNPUBLISHED' : 'PUBLISHED';
  const subjectQuery = (subjectIds: string[], args: SubjectEntryArgs, reach: Reach) => {
    const qb = repo.createQueryBuilder('e').where('e.subject_id IN (:...subjectIds)', { subjectIds });
    if (args.listType) qb.andWhere('e.list_type = :listType', { listType: args.listType });
    if (args.activeOnly) {
      const active = statusCondition('e', 'ACTIVE', today);
      qb.andWhere(active.sql, active.params);
    }
    const readable = reachCondition('e', reach, today);
    if (readable) qb.andWhere(readable.sql, readable.params);
    return qb.orderBy('e.decided_on', 'DESC').addOrderBy('e.id', 'DESC').getMany();
  };
  const subjectLoaders = new Map<string, DataLoader<string, ListEntryRow[]>>();
  return {
    today,
    seesUnpublished,
    seesAllUnpublished,
    subjectReach,
    entry: rowLoader((ids) => inChunks(ids, (chunk) => repo.findBy({ id: In(chunk) })), (row) => row.id),
    bySubject(args) {
      const key = JSON.stringify([args.listType ?? null, args.activeOnly ?? true]);
      let loader = subjectLoaders.get(key);
      if (!loader) {
        const fixed = { listType: args.listType, activeOnly: args.activeOnly ?? true };
        loader = groupLoader((ids) => inChunks(ids, (chunk) => subjectQuery(chunk, fixed, subjectReach)), (row) => row.subjectId);
        subjectLoaders.set(key, loader);
      }
      return loader;
    },
    activeBySubject: groupLoader((ids) => inChunks(ids, (chunk) => subjectQuery(chunk, { activeOnly: true }, 'ALL')), (row) => row.subjectId),
    events: groupLoader(
      (ids) => inChunks(ids, (chunk) => db.getRepository(ListEntryEventEntity).find({ where: { entryId: In(chunk) }, order: { seq: 'ASC' } })),
      (row) => row.entryId,
    ),
  };
}
