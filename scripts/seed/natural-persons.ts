import { bulkRecordsForNaturalPerson, type RecordPlan } from '../../subgraphs/kit/demo/bulk-data';
import { demoRecordRow } from '../../subgraphs/kit/demo/record-rows';
import { type CreditRecordRow } from '../../subgraphs/kit/credit-records/entity';
import { listEntriesForNaturalPerson, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { encryptIdNumber, naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import type { NaturalPersonRow } from '../../subgraphs/natural-persons/entities';
import { pushListEntries, type ListSinks } from './list-rows';
import type { TableSink } from './sink';

// Natural persons by index (kit/demo/demo-data.ts naturalPersonAt), each with its credit records and
// court-enforcement list entries, in one pass so the pseudonym is computed once per person.

export interface NaturalPersonSinks {
  people: TableSink<NaturalPersonRow>;
  records: TableSink<CreditRecordRow>;
  lists: ListSinks;
}

export async function seedNaturalPersons(subjectKey: Buffer, plan: RecordPlan, sinks: NaturalPersonSinks, createdAt: Date): Promise<void> {
  // naturalPersonAt draws id numbers at random, so now and then (~0.3 % at a million) two indexes
  // name one person: the later index is skipped. One short key per person is held, never rows.
  const seen = new Set<string>();
  for (let j = 0; seen.size < plan.naturalPersons; j++) {
    if (j > 2 * plan.naturalPersons + 1000) throw new Error(`naturalPersonAt repeats too often to find ${plan.naturalPersons} distinct persons`);
    const np = naturalPersonAt(j);
    if (seen.has(np.idNumber)) continue;
    const k = seen.size;
    seen.add(np.idNumber);
    const id = naturalPersonId(subjectKey, np.idNumber);
    await sinks.people.push({ id, idNumberEncrypted: encryptIdNumber(subjectKey, np.idNumber), name: np.name, gender: np.gender, birthYear: np.birthYear });
    for (const record of bulkRecordsForNaturalPerson(j, k, np, plan)) await sinks.records.push(demoRecordRow(record, id));
    await pushListEntries(sinks.lists, listEntriesForNaturalPerson(j, np), id, createdAt);
  }
}
