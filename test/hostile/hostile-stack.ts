import { loadRegistry } from '../../gateway/clients';
import { startGateway, type RunningGateway } from '../../gateway/index';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { DEMO_SUBJECT, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { Stack } from '../support/stack';
import { MEMBERS, type Pools } from './values';

// The hostile run sends ten thousand requests a few minutes apart from six clients; at the matrix's
// requests-per-minute most would be 429. A second gateway on the same subgraphs, with the same
// plugins (rate limiting included) and every limit × 1000, lets the requests reach the data.
export async function startUnthrottledGateway(stack: Stack): Promise<RunningGateway> {
  const base = loadRegistry();
  const clients = new Map([...base.clients].map(([id, c]) => [id, { ...c, requestsPerMinute: c.requestsPerMinute * 1000 }]));
  return startGateway({
    port: 0,
    keys: stack.keys,
    registry: { ...base, clients, publicRequestsPerMinute: base.publicRequestsPerMinute * 1000 },
    urlOf: (name: SubgraphName) => `${stack.subgraphs[name].url}/graphql`,
  });
}

const ENTRIES = `listEntries(activeOnly: false) { id objections { id } repairApplications { id } }`;

/** Ids that exist in the running stack: list entries (published or not), natural persons, objections, repairs. */
export async function readPools(stack: Stack): Promise<Pools> {
  const query = `query($subjects: [USCC!]!, $people: [ResidentIdNumber!]!) {
    legalPersons(usccs: $subjects) { ${ENTRIES} }
    naturalPersons(idNumbers: $people) { id ${ENTRIES} }
    listEntries(first: 40) { edges { node { id published } } }
    unpublished: listEntries(first: 5, filter: { status: PENDING_NOTICE }) { edges { node { id } } }
  }`;
  const people = [3, 11, 19].map((j) => naturalPersonAt(j).idNumber);
  const res = await stack.query(query, { variables: { subjects: [DEMO_SUBJECT.uscc, MEMBERS[4], MEMBERS[14], MEMBERS[24]], people }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
  if (!res.data) throw new Error(`cannot read the demo ids: ${JSON.stringify(res.errors)}`);
  const d = res.data;
  type Entry = { id: string; objections: { id: string }[]; repairApplications: { id: string }[] };
  const entries: Entry[] = [...d.legalPersons, ...d.naturalPersons].filter(Boolean).flatMap((s: { listEntries: Entry[] }) => s.listEntries);
  const ids = [
    ...entries.flatMap((e) => [e.id, ...e.objections.map((o) => o.id), ...e.repairApplications.map((r) => r.id)]),
    ...d.naturalPersons.filter(Boolean).map((p: { id: string }) => p.id),
    ...[...d.listEntries.edges, ...d.unpublished.edges].map((e: { node: { id: string } }) => e.node.id),
  ];
  if (ids.length < 10) throw new Error(`too few demo ids: ${JSON.stringify(d)}`);
  return { ids: [...new Set(ids)] };
}
