import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CatalogueError, type CatalogueFile, type Measure } from './catalogue';
import { CatalogueImportEntity, FeedbackEntity, MeasureEntity, type CatalogueImportRow, type MeasureRow } from './entities';

// The stored catalogue: read whole (it is small, ~60 rows) and replaced whole, in one transaction.

export interface Catalogue {
  /** Sorted by id. */
  measures: Measure[];
  byId: Map<string, Measure>;
}

function toRow(m: Measure): MeasureRow {
  return { ...m, listTypes: JSON.stringify(m.listTypes), domains: JSON.stringify(m.domains), purposes: JSON.stringify(m.purposes) };
}

function fromRow(row: MeasureRow): Measure {
  return {
    ...row,
    kind: row.kind as Measure['kind'],
    category: row.category as Measure['category'],
    // sql.js returns 0/1 for booleans; MySQL returns true/false through TypeORM.
    mandatory: Boolean(row.mandatory),
    listTypes: JSON.parse(row.listTypes),
    domains: JSON.parse(row.domains),
    purposes: JSON.parse(row.purposes),
  };
}

const FIELDS: (keyof Measure)[] = ['kind', 'mandatory', 'category', 'description', 'means', 'legalBasis', 'memorandum', 'implementingDepartment', 'listTypes', 'domains', 'purposes'];

function sameMeasure(a: Measure, b: Measure): boolean {
  return FIELDS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** One SELECT: the whole catalogue. */
export async function readCatalogue(db: DataSource): Promise<Catalogue> {
  const measures = (await db.getRepository(MeasureEntity).find({ order: { id: 'ASC' } })).map(fromRow);
  return { measures, byId: new Map(measures.map((m) => [m.id, m])) };
}

export async function latestImport(db: DataSource): Promise<CatalogueImportRow | null> {
  return db.getRepository(CatalogueImportEntity).findOne({ where: {}, order: { importedAt: 'DESC' } });
}

export interface ImportResult {
  version: string;
  added: number;
  changed: number;
  removed: number;
  total: number;
}

/**
 * Replaces the stored catalogue with a validated file: all or nothing. Refuses to drop a measure
 * that implementers have already reported feedback on, so that feedback never points at nothing.
 */
export async function replaceCatalogue(db: DataSource, catalogue: CatalogueFile): Promise<ImportResult> {
  const rows = catalogue.measures.map(toRow);
  const ids = new Set(rows.map((r) => r.id));
  return db.transaction(async (manager) => {
    const repo = manager.getRepository(MeasureEntity);
    const before = new Map((await repo.find()).map((r) => [r.id, r]));
    const removed = [...before.keys()].filter((id) => !ids.has(id));
    if (removed.length) {
      const used = await manager
        .getRepository(FeedbackEntity)
        .createQueryBuilder('f')
        .select('DISTINCT f.measure_id', 'measureId')
        .where('f.measure_id IN (:...removed)', { removed })
        .getRawMany<{ measureId: string }>();
      if (used.length) {
        throw new CatalogueError(catalogue.file, [{
          line: null, where: 'measures', rule: 'MEASURE_IN_USE',
          message: `would remove ${used.map((u) => u.measureId).sort().join(', ')}, which implementers have reported feedback on; keep them in the file`,
        }]);
      }
    }
    const changed = rows.filter((r) => before.has(r.id) && !sameMeasure(fromRow(before.get(r.id)!), fromRow(r))).length;
    // DELETE, not TRUNCATE: TRUNCATE commits implicitly on MySQL and would break all-or-nothing.
    await manager.createQueryBuilder().delete().from(MeasureEntity).execute();
    for (let i = 0; i < rows.length; i += 200) await repo.insert(rows.slice(i, i + 200));
    await manager.getRepository(CatalogueImportEntity).insert({
      id: randomUUID(), version: catalogue.version, checksum: catalogue.checksum, source: catalogue.file.slice(-500), measureCount: rows.length, importedAt: new Date(),
    });
    return { version: catalogue.version, added: rows.filter((r) => !before.has(r.id)).length, changed, removed: removed.length, total: rows.length };
  });
}
