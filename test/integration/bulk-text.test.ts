import fc from 'fast-check';
import { createConnection, type Connection } from 'mysql2/promise';
import { bulkRows, writeBulkRows } from '../../subgraphs/kit/credit-records/bulk-upsert';
import { recordRow } from '../../subgraphs/kit/credit-records/write';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';

// The bulk path (LOAD DATA LOCAL with CHARACTER SET binary, and the multi-row INSERT where the server
// refuses local files) stores every text exactly as the provider sent it: any well-formed Unicode (the
// rules refuse an unpaired surrogate before, input.ts), and the characters LOAD DATA's format and SQL
// literals give a meaning to (tab, newline, backslash, NUL, \N, quotes).
const TODAY = '2026-12-03';
const SPECIAL = fc.constantFrom('\t', '\n', '\r', '\\', '\0', '\\N', 'N', "'", '"', '\x1a', ' ', '中', '😀');
const text = (maxLength: number) => fc.string({ unit: fc.oneof(SPECIAL, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength });
const texts = fc.record({ sourceDepartment: text(20), title: text(50), content: text(200), decisionNumber: fc.option(text(20), { nil: undefined }), providerRecordId: text(40) });

let conn: Connection;
beforeAll(async () => {
  const url = await freshDatabase('bulk_text');
  await (await openDatabase(legalPersons.database, url)).dataSource.destroy();
  conn = await createConnection(url);
});
afterAll(() => conn.end());

test.each([
  ['LOAD DATA LOCAL', true],
  ['multi-row INSERT', false],
])('%s stores every text as written', async (_, allowed) => {
  // Providers distinct over both tests (one database): the same short text as another's key is another record.
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.uniqueArray(texts, { minLength: 1, maxLength: 5, selector: (t) => t.providerRecordId }), async (batch) => {
      const rows = batch.map((t) =>
        recordRow({ subjectType: 'LEGAL_PERSON', subjectId: '91310106MA1FL00001', category: 'SUPERVISION', decidedOn: '2026-03-01', public: true, dishonest: false, provider: `${allowed ? 'L' : 'I'}${++n}`, ...t }, '91310106MA1FL00001'),
      );
      await conn.beginTransaction();
      const counts = await writeBulkRows(conn, bulkRows(rows), TODAY, { allowed });
      await conn.commit();
      expect(counts.created).toBe(rows.length);
      const [stored] = (await conn.query('SELECT id, source_department, title, content, decision_number, provider_record_id FROM credit_record WHERE id IN (?)', [rows.map((r) => r.id)])) as unknown as [Record<string, string | null>[]];
      const byId = new Map(stored.map((s) => [s.id, s]));
      for (const r of rows) {
        expect(byId.get(r.id)).toEqual({ id: r.id, source_department: r.sourceDepartment, title: r.title, content: r.content, decision_number: r.decisionNumber, provider_record_id: r.providerRecordId });
      }
    }),
    { numRuns: 60 },
  );
});
