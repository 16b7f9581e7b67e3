import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { enqueue, OutboxEntity, relayOnce } from '../../subgraphs/kit/server/outbox';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { lists } from '../../subgraphs/lists';
import { ListEntryEntity } from '../../subgraphs/lists/entities';
import { END_LIST_ENTRY_BY_DECISION } from '../../subgraphs/objections/end-list-entry';
import { freshDatabase } from '../support/mysql';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { testKeys } from '../support/subgraph-client';

// A relay retries until acknowledged. Identities are good for one request, so each attempt must be
// signed afresh: when an acknowledgement is lost after the receiver acted, the retry (a new jti) is
// accepted and answered by the receiver's idempotency, not refused as a replay and retried forever.
let outboxDb: DataSource;
let receiver: RunningSubgraph;
let proxy: RecordingProxy;
let keys: KeyFiles;

beforeAll(async () => {
  keys = await testKeys();
  outboxDb = (await openDatabase(legalPersons.database, await freshDatabase('outbox_resign'))).dataSource;
  receiver = await startSubgraph(lists, { port: 0, keys, mysqlUrl: await freshDatabase('outbox_resign_lists') });
  proxy = await startRecordingProxy(() => `${receiver.url}/graphql`, { loseAcks: 1 });
});
afterAll(async () => {
  await proxy.close();
  await receiver.stop();
  await outboxDb.destroy();
});

test('a delivery whose acknowledgement was lost is retried with a new identity and acknowledged', async () => {
  const entry = (await receiver.db.getRepository(ListEntryEntity).findOneBy({ status: 'ACTIVE', listType: 'BLACK' }))!;
  const variables = { id: entry.id, status: 'REVOKED', reason: '异议核实：认定有误', endedOn: '2026-06-01', decisionRef: 'objection-resign-1' };
  await outboxDb.transaction((m) => enqueue(m, 'lists', END_LIST_ENTRY_BY_DECISION, variables));
  const options = { source: 'objections', keys: keys, urlOf: () => `${proxy.url}/graphql` };

  expect(await relayOnce(outboxDb, options)).toBe(0); // the receiver acted; its answer was lost
  expect((await receiver.db.getRepository(ListEntryEntity).findOneByOrFail({ id: entry.id })).status).toBe('REVOKED');
  const [row] = await outboxDb.getRepository(OutboxEntity).find();
  expect(row).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'acknowledgement lost' });

  await outboxDb.getRepository(OutboxEntity).update(row.id, { nextAttemptAt: new Date(0) });
  expect(await relayOnce(outboxDb, options)).toBe(1);
  expect(await outboxDb.getRepository(OutboxEntity).findOneByOrFail({ id: row.id })).toMatchObject({ attempts: 2, lastError: null });
  const jtis = proxy.captured.map((c) => decodeJwt(c.identity).jti);
  expect(jtis).toHaveLength(2);
  expect(new Set(jtis).size).toBe(2);
});
