import type { Connection } from 'mysql2/promise';
import { escape } from 'mysql2';
import { RuleViolation } from '../kit/protocol/errors';
import { encryptIdNumber, naturalPersonId } from '../kit/protocol/pseudonym';
import type { RecordInput } from '../kit/credit-records/input';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { lineReject, type LineReject } from '../kit/credit-records/import-line';
import { KnownKeys } from '../kit/credit-records/known-keys';
import { recordRow } from '../kit/credit-records/write';
import type { NaturalPersonRow } from './entities';
import { birthYearOf, genderOf } from './id-number';

// The bulk import's natural-person step (npm run import), by the rules of ingestNaturalPersonCreditRecords:
// the subject is the resident id number, stored only as its NaturalPerson.id (keyed hash) and ciphertext;
// a person the population registry does not know is registered under the subjectName a line gives.

const MAX_NAME = 100;

/** NaturalPerson.id of each id number (computed once each), and whether the registry knows it. */
export class PersonCache {
  private readonly idOf = new Map<string, string>();
  private readonly known: KnownKeys;
  constructor(conn: Connection, private readonly subjectKey: Buffer, private readonly max = 2_000_000) {
    this.known = new KnownKeys(conn, 'natural_person', 'id', max);
  }

  id(idNumber: string): string {
    let id = this.idOf.get(idNumber);
    if (!id) {
      if (this.idOf.size >= this.max) this.idOf.clear();
      this.idOf.set(idNumber, (id = naturalPersonId(this.subjectKey, idNumber)));
    }
    return id;
  }

  resolve(ids: Iterable<string>): Promise<void> {
    return this.known.resolve(ids);
  }

  has(id: string): boolean {
    return this.known.has(id);
  }

  /**
   * Registered by this import, known from the chunk that introduces it on: that chunk is written before any
   * later one, a failed write ends the import, and a resumed one asks the database again (a redone chunk's
   * INSERT IGNORE changes nothing).
   */
  add(id: string): void {
    this.known.add(id);
  }

  person(idNumber: string, name: string): NaturalPersonRow {
    return { id: this.id(idNumber), idNumberEncrypted: encryptIdNumber(this.subjectKey, idNumber), name, gender: genderOf(idNumber), birthYear: birthYearOf(idNumber) };
  }
}

export interface NaturalPersonChunk {
  people: NaturalPersonRow[];
  rows: CreditRecordRow[];
}

/** Rows for the records and for the persons they introduce; a line about an unknown person without a name is rejected. */
export async function naturalPersonRows(good: { line: number; input: RecordInput }[], persons: PersonCache, rejects: LineReject[]): Promise<NaturalPersonChunk> {
  await persons.resolve(good.map((g) => persons.id(g.input.subjectId)));
  const people = new Map<string, NaturalPersonRow>();
  const rows: CreditRecordRow[] = [];
  for (const { line, input } of good) {
    const id = persons.id(input.subjectId);
    const name = input.subjectName?.trim();
    if (name && name.length > MAX_NAME) {
      rejects.push(lineReject(line, new RuleViolation('subjectName', 'MAX_LENGTH', `subjectName is longer than ${MAX_NAME} characters`)));
      continue;
    }
    if (!persons.has(id) && !people.has(id)) {
      if (!name) {
        rejects.push(lineReject(line, new RuleViolation('subjectName', 'REQUIRED_FOR_UNKNOWN_SUBJECT', 'subjectName is required: no natural person with this id number is registered')));
        continue;
      }
      people.set(id, persons.person(input.subjectId, name));
    }
    rows.push(recordRow(input, id));
  }
  return { people: [...people.values()], rows };
}

/** New persons: INSERT IGNORE, so a chunk redone after a kill, or a person registered meanwhile, changes nothing. */
export function personStatements(people: NaturalPersonRow[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < people.length; i += 5_000) {
    const values = people.slice(i, i + 5_000).map((p) => `(${[p.id, p.idNumberEncrypted, p.name, p.gender, p.birthYear].map((v) => escape(v)).join(',')})`);
    out.push(`INSERT IGNORE INTO natural_person (id, id_number_encrypted, name, gender, birth_year) VALUES ${values.join(',')}`);
  }
  return out;
}
