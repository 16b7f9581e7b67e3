import type { DataSource } from 'typeorm';
import { loadCatalogueFile } from './catalogue';
import { MeasureEntity } from './entities';
import { replaceCatalogue } from './store';

/**
 * Validates the catalogue file at every start (a bad file stops the subgraph with a message naming
 * file, line, entry, key and rule) and imports it when the measure table is empty.
 */
export async function seedDemo(db: DataSource): Promise<void> {
  const catalogue = loadCatalogueFile();
  if ((await db.getRepository(MeasureEntity).count()) > 0) return;
  await replaceCatalogue(db, catalogue);
}
