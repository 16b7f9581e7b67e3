import type DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { dishonestCountLoader, recordLoaders, type RecordConnection, type RecordPageArgs } from '../kit/credit-records';
import { groupLoader, inChunks, rowLoader } from '../kit/loaders';
import { LegalPersonEntity, type LegalPersonRow } from './entities';

export interface Loaders {
  legalPerson: DataLoader<string, LegalPersonRow | null>;
  representedBy: DataLoader<string, LegalPersonRow[]>;
  dishonestCount: DataLoader<string, number>;
  records(args: RecordPageArgs): DataLoader<string, RecordConnection>;
}

export function createLoaders(db: DataSource): Loaders {
  const repo = db.getRepository(LegalPersonEntity);
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
    records: recordLoaders(db),
  };
}
