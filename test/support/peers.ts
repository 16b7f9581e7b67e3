import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { startSubgraph, type RunningSubgraph, type SubgraphModule } from '../../subgraphs/kit/server/subgraph';
import { freshDatabase } from './mysql';

// The real subgraphs a subgraph under test reads from when it decides a write (the registry of
// subjects, memberships, list entries), each on its own fresh database with the demo data.
export interface Peers {
  running: Partial<Record<SubgraphName, RunningSubgraph>>;
  /** For the subgraph under test: where its peers are (a stopped or absent one is unreachable). */
  urlOf(name: SubgraphName): string;
  stop(): Promise<void>;
}

export async function startPeers(name: string, keys: KeyFiles, modules: SubgraphModule<any>[]): Promise<Peers> {
  const running: Peers['running'] = {};
  const urlOf = (sub: SubgraphName) => (running[sub] ? `${running[sub]!.url}/graphql` : 'http://127.0.0.1:9/graphql');
  for (const mod of modules) running[mod.name as SubgraphName] = await startSubgraph(mod, { port: 0, keys, mysqlUrl: await freshDatabase(`${name}_${mod.name}`), urlOf });
  return {
    running,
    urlOf,
    stop: async () => {
      for (const sub of Object.values(running)) await sub!.stop();
    },
  };
}

/** Registers companies in the legal-persons subgraph's own table, as registration data arrives there. */
export async function registerCompanies(legalPersons: RunningSubgraph, usccs: string[]): Promise<void> {
  const rows = usccs.map((uscc, i) => [uscc, `测试企业${i}有限公司`, 'ENTERPRISE', '静安区市场监督管理局', '310106', 'ACTIVE']);
  await legalPersons.db.query(
    `INSERT INTO legal_person (uscc, name, organization_type, registration_authority, admin_division, status) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    rows.flat(),
  );
}
