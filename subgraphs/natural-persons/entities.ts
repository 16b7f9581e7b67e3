import { EntitySchema } from 'typeorm';

export interface NaturalPersonRow {
  /** NaturalPerson.id: keyed hash of the id number (kit/protocol/pseudonym.ts), the only key other subgraphs see. */
  id: string;
  /** AES-GCM ciphertext of the resident id number, so a database dump does not reveal it. */
  idNumberEncrypted: string;
  name: string;
  gender: string | null;
  birthYear: number | null;
}

export const NaturalPersonEntity = new EntitySchema<NaturalPersonRow>({
  name: 'NaturalPerson',
  tableName: 'natural_person',
  columns: {
    id: { type: 'varchar', length: 32, primary: true },
    idNumberEncrypted: { name: 'id_number_encrypted', type: 'varchar', length: 128 },
    name: { type: 'varchar', length: 100 },
    gender: { type: 'varchar', length: 1, nullable: true },
    birthYear: { name: 'birth_year', type: 'int', nullable: true },
  },
});
