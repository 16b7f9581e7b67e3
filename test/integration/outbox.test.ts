import type { DataSource } from 'typeorm';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { listen, readBody, sendJson, type Listening } from '../../subgraphs/kit/protocol/http';
import { enqueue, OutboxEntity, outboxCounts, relayOnce } from '../../subgraphs/kit/server/outbox';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';
import { testKeys } from '../support/subgraph-client';

// The outbox delivers in order per target and holds later rows back while an earlier one fails.
let db: DataSource;
let target: Listening;
let failing = true;
const received: string[] = [];

beforeAll(async () => {
  db = (await openDatabase(legalPersons.database, await freshDatabase('outbox'))).dataSource;
  target = await listen(
    {
      '/graphql': async (req, res) => {
        const { variables } = JSON.parse(await readBody(req)) as { variables: { n: string } };
        if (failing) return sendJson(res, 200, { errors: [{ message: 'target is down' }] });
        if (variables.n === 'poison') return sendJson(res, 200, { errors: [{ message: 'reason is too long', extensions: { code: 'BAD_USER_INPUT' } }] });
        received.push(variables.n);
        sendJson(res, 200, { data: { ok: true } });
      },
    },
    0,
    '127.0.0.1',
  );
});
afterAll(async () => {
  await target.close();
  await db.destroy();
});

test('a failing row holds back the later rows for its target; once it succeeds they follow in order', async () => {
  const options = { source: 'legal-persons', keys: await testKeys(), urlOf: () => `${target.url}/graphql` };
  for (const n of ['first', 'second', 'third']) await db.transaction((m) => enqueue(m, 'natural-persons', 'mutation { ok }', { n }));
  expect(await relayOnce(db, options)).toBe(0);
  const rows = await db.getRepository(OutboxEntity).find({ order: { id: 'ASC' } });
  expect(rows.map((r) => r.attempts)).toEqual([1, 0, 0]); // the later rows were not tried
  failing = false;
  await db.getRepository(OutboxEntity).update(rows[0].id, { nextAttemptAt: new Date(0) });
  expect(await relayOnce(db, options)).toBe(3);
  expect(received).toEqual(['first', 'second', 'third']);
  expect(await relayOnce(db, options)).toBe(0);
});

test('a message its receiver refuses by a rule is set aside with the reason, and the queue moves on', async () => {
  const options = { source: 'legal-persons', keys: await testKeys(), urlOf: () => `${target.url}/graphql` };
  received.length = 0;
  for (const n of ['poison', 'after']) await db.transaction((m) => enqueue(m, 'natural-persons', 'mutation { ok }', { n }));
  expect(await relayOnce(db, options)).toBe(1);
  expect(received).toEqual(['after']);
  const poison = (await db.getRepository(OutboxEntity).find()).find((r) => JSON.parse(r.variables).n === 'poison')!;
  expect(poison.rejectedAt).not.toBeNull();
  expect(poison.lastError).toBe('BAD_USER_INPUT: reason is too long');
  expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 1 });
  expect(await relayOnce(db, options)).toBe(0);
});
