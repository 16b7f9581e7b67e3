import DataLoader from 'dataloader';
import type { Caller } from '../kit/protocol/caller';
import { In, type DataSource } from 'typeorm';
import { cursorKey } from '../kit/server/cursor';
import type { KeyFiles } from '../kit/protocol/keys';
import { recordChangesLoader, type RecordChangeRow } from '../kit/credit-records/changes';
import { dishonestCountLoader, recordByIdLoader, recordLoaders, type RecordConnection, type RecordPageArgs } from '../kit/credit-records/read';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { groupLoader, inChunks, rowLoader } from '../kit/server/loaders';
import { LegalPersonEntity, MembershipEntity, RecordPersonEntity, RepresentativeTermEntity, type LegalPersonRow, type MembershipRow, type RecordPersonRow, type RepresentativeTermRow } from './entities';

export interface Loaders {
  legalPerson: DataLoader<string, LegalPersonRow | null>;
  representedBy: DataLoader<string, LegalPersonRow[]>;
  dishonestCount: DataLoader<string, number>;
  /** Whether a company is a member of the calling association (one query per batch). */
  isMember: DataLoader<string, boolean>;
  /** Org codes of the associations a company belongs to (for other subgraphs' row rule). */
  memberOf: DataLoader<string, MembershipRow[]>;
  records(args: RecordPageArgs): DataLoader<string, RecordConnection>;
  recordById: DataLoader<string, CreditRecordRow | null>;
  recordChanges: DataLoader<string, RecordChangeRow[]>;
  /** 001 Art. 28: a company's legal-representative terms, newest first. */
  representativeTerms: DataLoader<string, RepresentativeTermRow[]>;
  /** The terms a person (NaturalPerson.id) held, in any company, newest first. */
  termsHeldBy: DataLoader<string, RepresentativeTermRow[]>;
  /** Principals and directly responsible persons linked to a record. */
  recordPersons: DataLoader<string, RecordPersonRow[]>;
}

export function createLoaders(db: DataSource, caller: Caller, keys: KeyFiles): Loaders {
  const repo = db.getRepository(LegalPersonEntity);
  const members = db.getRepository(MembershipEntity);
  return {
    legalPerson: rowLoader(
      (usccs) => inChunks(usccs, (chunk) => repo.findBy({ uscc: In(chunk) })),
      (row) => row.uscc,
    ),
    representedBy: groupLoader(
      (ids) => repo.find({ where: { legalRepresentativeId: In([...ids]) }, order: { uscc: 'ASC' } }),
      (row) => row.legalRepresentativeId!,
    ),
    dishonestCount: dishonestCountLoader(db),
    isMember: new DataLoader(async (usccs) => {
      if (caller.kind !== 'ASSOCIATION' || !caller.org) return usccs.map(() => false);
      const found = new Set((await inChunks(usccs, (chunk) => members.findBy({ associationOrg: caller.org!, uscc: In(chunk) }))).map((m) => m.uscc));
      return usccs.map((u) => found.has(u));
    }),
    memberOf: groupLoader((usccs) => inChunks(usccs, (chunk) => members.findBy({ uscc: In(chunk) })), (row) => row.uscc),
    records: recordLoaders(db, cursorKey(keys.subjectKey)),
    recordById: recordByIdLoader(db),
    recordChanges: recordChangesLoader(db),
    representativeTerms: groupLoader(
      (usccs) => inChunks(usccs, (chunk) => db.getRepository(RepresentativeTermEntity).find({ where: { uscc: In(chunk) }, order: { fromOn: 'DESC' } })),
      (row) => row.uscc,
    ),
    termsHeldBy: groupLoader(
      (ids) => inChunks(ids, (chunk) => db.getRepository(RepresentativeTermEntity).find({ where: { personId: In(chunk) }, order: { fromOn: 'DESC', uscc: 'ASC' } })),
      (row) => row.personId,
    ),
    recordPersons: groupLoader((ids) => inChunks(ids, (chunk) => db.getRepository(RecordPersonEntity).find({ where: { recordId: In(chunk) }, order: { role: 'ASC', personId: 'ASC' } })), (row) => row.recordId),
  };
}
