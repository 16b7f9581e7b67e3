import { In, type DataSource } from 'typeorm';
import { RuleViolation } from '../kit/protocol/errors';
import { encryptIdNumber, naturalPersonId } from '../kit/protocol/pseudonym';
import { validateRecordInputs, type RecordInput } from '../kit/credit-records/input';
import { recordRow, storeRecords } from '../kit/credit-records/write';
import { NaturalPersonEntity, type NaturalPersonRow } from './entities';
import { birthYearOf, genderOf } from './id-number';

/** NaturalPersonRecordInput: what legal-persons' outbox relays from submitCreditRecords. */
export type NaturalPersonRecordInput = Omit<RecordInput, 'subjectType' | 'subjectId'> & { idNumber: string };

const MAX_NAME = 100;

/** Maps to the kit's RecordInput so both person subgraphs validate records by the same rules. */
function toRecordInput({ idNumber, ...rest }: NaturalPersonRecordInput): RecordInput {
  return { ...rest, subjectType: 'NATURAL_PERSON', subjectId: idNumber.toUpperCase() };
}

/** All checks that need no database; errors name this input's fields (idNumber, not subjectId). */
function validate(inputs: RecordInput[]): void {
  try {
    validateRecordInputs(inputs, null); // its dates were checked against the day legal-persons received it
  } catch (e) {
    if (e instanceof RuleViolation && e.field.endsWith('.subjectId')) throw new RuleViolation(e.field.replace(/\.subjectId$/, '.idNumber'), e.rule, e.message.replace('.subjectId', '.idNumber'), e.code);
    throw e;
  }
  inputs.forEach((r, i) => {
    if (r.subjectName && r.subjectName.length > MAX_NAME) throw new RuleViolation(`records[${i}].subjectName`, 'MAX_LENGTH', `records[${i}].subjectName is longer than ${MAX_NAME} characters`);
  });
}

/**
 * Registers unknown persons and stores their records in one transaction: all or nothing, idempotent
 * on (provider, providerRecordId). Returns how many records were newly stored.
 */
export async function ingestRecords(db: DataSource, subjectKey: Buffer, records: NaturalPersonRecordInput[]): Promise<number> {
  const inputs = records.map(toRecordInput);
  validate(inputs);
  const idOf = new Map(inputs.map((r) => [r.subjectId, naturalPersonId(subjectKey, r.subjectId)]));
  return db.transaction(async (manager) => {
    const people = manager.getRepository(NaturalPersonEntity);
    const ids = [...new Set(idOf.values())];
    const known = new Set((ids.length ? await people.find({ select: { id: true }, where: { id: In(ids) } }) : []).map((p) => p.id));
    const fresh = new Map<string, NaturalPersonRow>();
    inputs.forEach((r, i) => {
      const id = idOf.get(r.subjectId)!;
      if (known.has(id) || fresh.has(id)) return;
      // A person unknown to the platform is registered under the name a provider gives for it.
      const name = inputs.find((x) => x.subjectId === r.subjectId && x.subjectName?.trim())?.subjectName?.trim();
      if (!name) throw new RuleViolation(`records[${i}].subjectName`, 'REQUIRED_FOR_UNKNOWN_SUBJECT', `records[${i}].subjectName is required: no natural person with this id number is registered`);
      fresh.set(id, { id, idNumberEncrypted: encryptIdNumber(subjectKey, r.subjectId), name, gender: genderOf(r.subjectId), birthYear: birthYearOf(r.subjectId) });
    });
    const newPeople = [...fresh.values()];
    for (let i = 0; i < newPeople.length; i += 500) await people.insert(newPeople.slice(i, i + 500));

    const { created } = await storeRecords(manager, inputs.map((r) => recordRow(r, idOf.get(r.subjectId)!)));
    return created;
  });
}
