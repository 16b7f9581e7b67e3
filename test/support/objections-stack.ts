import type { Caller } from '../../subgraphs/kit/protocol/caller';
import { DEMO_SIZES, legalPersonAt, listEntriesForLegalPerson, listEntriesForNaturalPerson, naturalPersonAt, type DemoListEntry } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { lists } from '../../subgraphs/lists';
import { naturalPersons } from '../../subgraphs/natural-persons';
import { objections } from '../../subgraphs/objections';
import { demoObjections } from '../../subgraphs/objections/seed';
import { freshDatabase } from './mysql';
import { callSubgraph, testCaller, testKeys, type GraphQLResponse } from './subgraph-client';

// The objections subgraph beside the real lists and person subgraphs (each on a fresh database, demo
// data seeded): list-entry and record facts are read through their `_entities`, and the outbox relay delivers to them.

export interface ObjectionsStack {
  keys: KeyFiles;
  objections: RunningSubgraph;
  lists: RunningSubgraph;
  legalPersons: RunningSubgraph;
  call(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphQLResponse>;
  callLists(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

export async function startObjectionsStack(name: string): Promise<ObjectionsStack> {
  const keys = await testKeys();
  const listsSub = await startSubgraph(lists, { port: 0, keys, mysqlUrl: await freshDatabase(`${name}_lists`) });
  const people = await startSubgraph(naturalPersons, { port: 0, keys, mysqlUrl: await freshDatabase(`${name}_np`) });
  const companies = await startSubgraph(legalPersons, { port: 0, keys, mysqlUrl: await freshDatabase(`${name}_lp`), urlOf: () => `${people.url}/graphql` });
  const urls: Record<string, string> = { lists: listsSub.url, 'legal-persons': companies.url, 'natural-persons': people.url };
  const sub = await startSubgraph(objections, { port: 0, keys, mysqlUrl: await freshDatabase(name), urlOf: (target) => `${urls[target]}/graphql` });
  return {
    keys,
    objections: sub,
    lists: listsSub,
    legalPersons: companies,
    call: (query, variables, as = testCaller()) => callSubgraph(sub.url, 'objections', keys, query, variables, as),
    callLists: (query, variables, as = testCaller()) => callSubgraph(listsSub.url, 'lists', keys, query, variables, as),
    stop: async () => {
      await sub.stop();
      for (const other of [listsSub, companies, people]) await other.stop();
    },
  };
}

/** Entries the objections seed uses, so a test can pick others. */
export function seededEntryIds(keys: KeyFiles): Set<string> {
  const { objections: rows, repairs } = demoObjections(keys);
  return new Set([...rows.map((o) => o.targetId), ...repairs.map((r) => r.listEntryId!)]);
}

/** The first demo legal-person entry (companies 41…) in force on `today` that matches and is not in `used`; it is added to `used`. */
export function legalEntry(used: Set<string>, today: string, match: (e: DemoListEntry) => boolean): DemoListEntry {
  for (let i = 41; i < DEMO_SIZES.legalPersons; i++) {
    for (const e of listEntriesForLegalPerson(i, legalPersonAt(i))) {
      if ((e.periodEndsOn === null || e.periodEndsOn > today) && match(e) && !used.has(e.id)) {
        used.add(e.id);
        return e;
      }
    }
  }
  throw new Error('no such demo list entry');
}

/** The k-th natural person on the court list, with its NaturalPerson.id. */
export function courtListed(keys: KeyFiles, k: number): { entry: DemoListEntry; personId: string } {
  const entries = Array.from({ length: DEMO_SIZES.naturalPersons }, (_, j) => listEntriesForNaturalPerson(j, naturalPersonAt(j))).flat();
  return { entry: entries[k], personId: naturalPersonId(keys.subjectKey, entries[k].subjectKey) };
}

/** Polls until `ok` holds (the outbox relay runs every second), or fails after 15 s. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}
