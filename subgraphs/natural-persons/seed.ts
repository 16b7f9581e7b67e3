import type { DataSource } from 'typeorm';
import { CreditRecordEntity, type CreditRecordRow } from '../kit/credit-records/entity';
import { demoRecordRow } from '../kit/demo/record-rows';
import { rebuildTally } from '../kit/credit-records/tally';
import { DEMO_SIZES, naturalPersonAt, recordsForNaturalPerson } from '../kit/demo/demo-data';
import type { KeyFiles } from '../kit/protocol/keys';
import { encryptIdNumber, naturalPersonId } from '../kit/protocol/pseudonym';
import { NaturalPersonEntity, type NaturalPersonRow } from './entities';

/** Seeds the demo natural persons and their records, once (only when the table is empty). */
export async function seedDemo(db: DataSource, keys: KeyFiles): Promise<void> {
  if ((await db.getRepository(NaturalPersonEntity).count()) > 0) return;
  const people = new Map<string, NaturalPersonRow>();
  const records: CreditRecordRow[] = [];
  for (let j = 0; j < DEMO_SIZES.naturalPersons; j++) {
    const np = naturalPersonAt(j);
    const id = naturalPersonId(keys.subjectKey, np.idNumber);
    // Two indexes drawing the same id number would be one person; keep the first.
    if (!people.has(id)) people.set(id, { id, idNumberEncrypted: encryptIdNumber(keys.subjectKey, np.idNumber), name: np.name, gender: np.gender, birthYear: np.birthYear });
    for (const r of recordsForNaturalPerson(j, np)) records.push(demoRecordRow(r, id));
  }
  const rows = [...people.values()];
  await db.transaction(async (m) => {
    for (let i = 0; i < rows.length; i += 500) await m.getRepository(NaturalPersonEntity).insert(rows.slice(i, i + 500));
    for (let i = 0; i < records.length; i += 500) await m.getRepository(CreditRecordEntity).insert(records.slice(i, i + 500));
    // The rows go in directly, not through storeRecords: the statistics' tally is counted from them.
    await rebuildTally(m);
  });
}
