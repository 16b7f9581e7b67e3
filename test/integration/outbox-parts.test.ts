import type { DataSource } from 'typeorm';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { OutboxEntity } from '../../subgraphs/kit/server/outbox';
import { enqueueInParts } from '../../subgraphs/kit/server/outbox-parts';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';

// A message of many items goes out as several ~1 MB rows in one transaction, in order; each fits the
// column, which migration 1797500000000 made MEDIUMTEXT on MySQL (TEXT: 64 KB).
let db: DataSource;
beforeAll(async () => {
  db = (await openDatabase(legalPersons.database, await freshDatabase('outbox_parts'))).dataSource;
});
afterAll(() => db.destroy());

test('3,000 items of 1,000 CJK characters are written as several ordered rows, none over ~1 MB', async () => {
  const items = Array.from({ length: 3_000 }, (_, n) => ({ n, content: '处'.repeat(1_000) }));
  const parts = await db.transaction((m) => enqueueInParts(m, 'natural-persons', 'mutation { ok }', 'records', items));
  const rows = await db.getRepository(OutboxEntity).find({ order: { id: 'ASC' } });
  expect(rows).toHaveLength(parts);
  expect(parts).toBeGreaterThan(5);
  expect(rows.flatMap((r) => (JSON.parse(r.variables) as { records: { n: number }[] }).records.map((x) => x.n))).toEqual(items.map((x) => x.n));
  for (const r of rows) expect(Buffer.byteLength(r.variables)).toBeLessThan(1.1 * 1024 * 1024);
});

test('one row larger than TEXT (64 KB) is stored whole', async () => {
  const items = [{ content: 'x'.repeat(200_000) }];
  await db.transaction((m) => enqueueInParts(m, 'natural-persons', 'mutation { big }', 'records', items));
  const row = await db.getRepository(OutboxEntity).findOneByOrFail({ query: 'mutation { big }' });
  expect(JSON.parse(row.variables)).toEqual({ records: items });
});
