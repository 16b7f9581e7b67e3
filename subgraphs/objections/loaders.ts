import type DataLoader from 'dataloader';
import { In, Not, type DataSource, type FindOptionsWhere, type ObjectLiteral, type Repository } from 'typeorm';
import type { SubjectType } from '../kit/protocol/caller';
import { groupLoader, inChunks, rowLoader } from '../kit/server/loaders';
import { ObjectionEntity, ObjectionStepEntity, RepairApplicationEntity, type ObjectionRow, type ObjectionStepRow, type RepairApplicationRow } from './entities';

// Per-request loaders: every per-entity field is one SELECT per batch of keys (an _entities call with
// 500 representations asking for one field runs exactly one query for it).

export interface Loaders {
  objection: DataLoader<string, ObjectionRow | null>;
  repair: DataLoader<string, RepairApplicationRow | null>;
  objectionsOf: Record<SubjectType, DataLoader<string, ObjectionRow[]>>;
  repairsOf: Record<SubjectType, DataLoader<string, RepairApplicationRow[]>>;
  objectionsOfListEntry: DataLoader<string, ObjectionRow[]>;
  /** Open objections by target id (list entries and credit records alike: both are UUIDs), one SELECT per batch. */
  openObjectionsOfTarget: DataLoader<string, ObjectionRow[]>;
  repairsOfListEntry: DataLoader<string, RepairApplicationRow[]>;
  stepsOf: DataLoader<string, ObjectionStepRow[]>;
}

/** Newest first, id as tie-break, so lists are stable. */
const NEWEST_OBJECTIONS = { filedOn: 'DESC', id: 'ASC' } as const;
const NEWEST_REPAIRS = { appliedOn: 'DESC', id: 'ASC' } as const;

function grouped<R extends ObjectLiteral>(
  repo: Repository<R>,
  where: (keys: string[]) => FindOptionsWhere<R>,
  order: Record<string, 'ASC' | 'DESC'>,
  keyOf: (row: R) => string,
): DataLoader<string, R[]> {
  return groupLoader((keys) => inChunks(keys, (chunk) => repo.find({ where: where(chunk), order: order as never })), keyOf);
}

export function createLoaders(db: DataSource): Loaders {
  const objections = db.getRepository(ObjectionEntity);
  const repairs = db.getRepository(RepairApplicationEntity);
  const objectionsOf = (type: SubjectType) => grouped(objections, (ids) => ({ subjectType: type, subjectId: In(ids) }), NEWEST_OBJECTIONS, (r) => r.subjectId);
  const repairsOf = (type: SubjectType) => grouped(repairs, (ids) => ({ subjectType: type, subjectId: In(ids) }), NEWEST_REPAIRS, (r) => r.subjectId);
  return {
    objection: rowLoader((ids) => inChunks(ids, (chunk) => objections.findBy({ id: In(chunk) })), (r) => r.id),
    repair: rowLoader((ids) => inChunks(ids, (chunk) => repairs.findBy({ id: In(chunk) })), (r) => r.id),
    objectionsOf: { LEGAL_PERSON: objectionsOf('LEGAL_PERSON'), NATURAL_PERSON: objectionsOf('NATURAL_PERSON') },
    repairsOf: { LEGAL_PERSON: repairsOf('LEGAL_PERSON'), NATURAL_PERSON: repairsOf('NATURAL_PERSON') },
    objectionsOfListEntry: grouped(objections, (ids) => ({ targetType: 'LIST_ENTRY', targetId: In(ids) }), NEWEST_OBJECTIONS, (r) => r.targetId),
    openObjectionsOfTarget: grouped(
      objections,
      (ids) => ({ targetId: In(ids), status: Not('DECIDED') }),
      NEWEST_OBJECTIONS,
      (r) => r.targetId,
    ),
    stepsOf: grouped(db.getRepository(ObjectionStepEntity), (ids) => ({ objectionId: In(ids) }), { createdAt: 'ASC', id: 'ASC' }, (r) => r.objectionId),
    repairsOfListEntry: grouped(repairs, (ids) => ({ listEntryId: In(ids) }), NEWEST_REPAIRS, (r) => r.listEntryId!),
  };
}
