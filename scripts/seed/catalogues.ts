import type { DataSource } from 'typeorm';
import { DEMO_SIZES } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { measures } from '../../subgraphs/measures';
import { objections } from '../../subgraphs/objections';
import type { RecordPlan } from '../../subgraphs/kit/demo/bulk-data';
import type { SinkStats } from './sink';

// The small tables come from the subgraphs' own seed paths, so there is one way to load each:
// the measure catalogue (validated catalogue.yaml, measures/store.ts replaceCatalogue) and the demo
// objections and repair applications, which point at demo list entries and records by index.

async function count(ds: DataSource, table: string): Promise<number> {
  const rows: { n: number | string }[] = await ds.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
  return Number(rows[0].n);
}

async function timed(ds: DataSource, tables: string[], load: () => Promise<void>): Promise<SinkStats[]> {
  const started = performance.now();
  await load();
  const seconds = (performance.now() - started) / 1000;
  const stats: SinkStats[] = [];
  for (const table of tables) stats.push({ table: `${ds.driver.database}.${table}`, rows: await count(ds, table), seconds });
  return stats;
}

export async function seedCatalogues(dbs: Record<string, DataSource>, keys: KeyFiles, plan: RecordPlan): Promise<SinkStats[]> {
  const stats = await timed(dbs.measures, ['measure'], () => measures.seedDemo(dbs.measures, keys));
  // The demo objections name list entries of companies 41–599 and natural persons 3 and 11.
  if (plan.legalPersons >= DEMO_SIZES.legalPersons && plan.naturalPersons >= DEMO_SIZES.naturalPersons) {
    stats.push(...(await timed(dbs.objections, ['objection', 'repair_application'], () => objections.seedDemo(dbs.objections, keys))));
  }
  return stats;
}
