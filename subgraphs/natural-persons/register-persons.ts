import { In, type DataSource } from 'typeorm';
import { residentIdRuleBroken } from '../kit/protocol/codes';
import { RuleViolation } from '../kit/protocol/errors';
import { encryptIdNumber, naturalPersonId } from '../kit/protocol/pseudonym';
import { requireText } from '../kit/server/validate';
import { NaturalPersonEntity, type NaturalPersonRow } from './entities';
import { birthYearOf, genderOf } from './id-number';

// The population registry (000 item 27, 人口库): persons registered directly, or named by the legal-persons
// registry (representatives, principals and directly responsible persons) through its outbox.

export interface PersonRegistration { idNumber: string; name: string }

function rowOf(subjectKey: Buffer, p: PersonRegistration, field: string): NaturalPersonRow {
  const idNumber = p.idNumber.toUpperCase();
  const rule = residentIdRuleBroken(idNumber);
  if (rule) throw new RuleViolation(`${field}.idNumber`, 'RESIDENT_ID', `${field}.idNumber is not a valid resident id number (${rule})`);
  const name = requireText(`${field}.name`, p.name, 100);
  return { id: naturalPersonId(subjectKey, idNumber), idNumberEncrypted: encryptIdNumber(subjectKey, idNumber), name, gender: genderOf(idNumber), birthYear: birthYearOf(idNumber) };
}

/** Registers the unknown ones; known persons are left as they are (idempotent redelivery). Returns how many were new. */
export async function registerPersons(db: DataSource, subjectKey: Buffer, persons: PersonRegistration[]): Promise<number> {
  const rows = new Map(persons.map((p, i) => rowOf(subjectKey, p, `persons[${i}]`)).map((r) => [r.id, r]));
  return db.transaction(async (m) => {
    const repo = m.getRepository(NaturalPersonEntity);
    const known = new Set((rows.size ? await repo.find({ select: { id: true }, where: { id: In([...rows.keys()]) } }) : []).map((r) => r.id));
    const fresh = [...rows.values()].filter((r) => !known.has(r.id));
    if (fresh.length) await repo.insert(fresh);
    return fresh.length;
  });
}

/** Registers a person, or corrects the registered name of a known one. */
export async function registerPerson(db: DataSource, subjectKey: Buffer, p: PersonRegistration): Promise<NaturalPersonRow> {
  const row = rowOf(subjectKey, p, 'input');
  const repo = db.getRepository(NaturalPersonEntity);
  if (await repo.existsBy({ id: row.id })) await repo.update(row.id, { name: row.name });
  else await repo.insert(row);
  return (await repo.findOneBy({ id: row.id }))!;
}
