import type DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { cursorKey } from '../kit/server/cursor';
import type { KeyFiles } from '../kit/protocol/keys';
import { recordChangesLoader, type RecordChangeRow } from '../kit/credit-records/changes';
import { dishonestCountLoader, recordByIdLoader, recordLoaders, type RecordConnection, type RecordPageArgs } from '../kit/credit-records/read';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { inChunks, rowLoader } from '../kit/server/loaders';
import { NaturalPersonEntity, type NaturalPersonRow } from './entities';

export interface Loaders {
  /** By NaturalPerson.id (the pseudonym); lookups by id number hash first, then come here. */
  naturalPerson: DataLoader<string, NaturalPersonRow | null>;
  dishonestCount: DataLoader<string, number>;
  records(args: RecordPageArgs): DataLoader<string, RecordConnection>;
  recordById: DataLoader<string, CreditRecordRow | null>;
  recordChanges: DataLoader<string, RecordChangeRow[]>;
}

export function createLoaders(db: DataSource, _caller: Caller, keys: KeyFiles): Loaders {
  const repo = db.getRepository(NaturalPersonEntity);
  return {
    naturalPerson: rowLoader(
      (ids) => inChunks(ids, (chunk) => repo.findBy({ id: In(chunk) })),
      (row) => row.id,
    ),
    dishonestCount: dishonestCountLoader(db),
    records: recordLoaders(db, cursorKey(keys.subjectKey)),
    recordById: recordByIdLoader(db),
    recordChanges: recordChangesLoader(db),
  };
}
