import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupLoader, inChunks } from '../kit/server/loaders';
import { FeedbackEntity, type FeedbackRow } from './entities';
import { readCatalogue, type Catalogue } from './store';

// Per-request loaders. The catalogue is read at most once per request, so 10,000 subjects asking
// for applicable measures cost one SELECT; feedback and totals are one query per batch of keys.

export interface FeedbackTotal {
  measureId: string;
  applied: number;
  notApplicable: number;
  notApplied: number;
}

export interface Loaders {
  catalogue(): Promise<Catalogue>;
  feedbackByEntry: DataLoader<string, FeedbackRow[]>;
  totalsByEntry: DataLoader<string, FeedbackTotal[]>;
  totalsByMeasure: DataLoader<string, FeedbackTotal>;
}

interface CountRow {
  key: string;
  measureId: string;
  outcome: string;
  n: number | string;
}

function emptyTotal(measureId: string): FeedbackTotal {
  return { measureId, applied: 0, notApplicable: 0, notApplied: 0 };
}

function add(total: FeedbackTotal, outcome: string, n: number): void {
  if (outcome === 'APPLIED') total.applied += n;
  else if (outcome === 'NOT_APPLICABLE') total.notApplicable += n;
  else if (outcome === 'NOT_APPLIED') total.notApplied += n;
}

/** Feedback counts by (key column, measure, outcome) for a batch of keys: one GROUP BY query. */
function countBy(db: DataSource, column: 'list_entry_id' | 'measure_id', keys: readonly string[]): Promise<CountRow[]> {
  return inChunks(keys, (chunk) =>
    db
      .getRepository(FeedbackEntity)
      .createQueryBuilder('f')
      .select(`f.${column}`, 'key')
      .addSelect('f.measure_id', 'measureId')
      .addSelect('f.outcome', 'outcome')
      .addSelect('COUNT(*)', 'n')
      .where(`f.${column} IN (:...chunk)`, { chunk })
      .groupBy(`f.${column}`)
      .addGroupBy('f.measure_id')
      .addGroupBy('f.outcome')
      .getRawMany<CountRow>(),
  );
}

export function createLoaders(db: DataSource): Loaders {
  let catalogue: Promise<Catalogue> | undefined;
  const repo = db.getRepository(FeedbackEntity);
  return {
    catalogue: () => (catalogue ??= readCatalogue(db)),
    feedbackByEntry: groupLoader(
      (ids) => inChunks(ids, (chunk) => repo.find({ where: { listEntryId: In(chunk) }, order: { appliedOn: 'ASC', recordedAt: 'ASC', id: 'ASC' } })),
      (row) => row.listEntryId,
    ),
    totalsByEntry: new DataLoader(async (ids) => {
      const byEntry = new Map<string, Map<string, FeedbackTotal>>(ids.map((id) => [id, new Map()]));
      for (const row of await countBy(db, 'list_entry_id', ids)) {
        const perMeasure = byEntry.get(row.key);
        if (!perMeasure) continue;
        if (!perMeasure.has(row.measureId)) perMeasure.set(row.measureId, emptyTotal(row.measureId));
        add(perMeasure.get(row.measureId)!, row.outcome, Number(row.n));
      }
      return ids.map((id) => [...byEntry.get(id)!.values()].sort((a, b) => a.measureId.localeCompare(b.measureId)));
    }),
    totalsByMeasure: new DataLoader(async (ids) => {
      const byMeasure = new Map(ids.map((id) => [id, emptyTotal(id)]));
      for (const row of await countBy(db, 'measure_id', ids)) {
        const total = byMeasure.get(row.key);
        if (total) add(total, row.outcome, Number(row.n));
      }
      return ids.map((id) => byMeasure.get(id)!);
    }),
  };
}
