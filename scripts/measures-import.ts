import { resolve } from 'node:path';
import { Command } from 'commander';
import { mysqlUrlFor, openDatabase } from '../subgraphs/kit/server/db';
import { CatalogueError, loadCatalogueFile } from '../subgraphs/measures/catalogue';
import { measures } from '../subgraphs/measures';
import { replaceCatalogue } from '../subgraphs/measures/store';

// npm run measures:import -- <file>: validates a measure catalogue (000 序号45, "定期更新") and replaces
// the stored one in one transaction, on the database the measures subgraph uses
// (MEASURES_DATABASE_URL, DATABASE_URL, or the embedded file under DATA_DIR).
// The embedded file is held in memory by a running subgraph: stop it first, or restart it after.

const program = new Command()
  .name('measures:import')
  .description('validate a measure catalogue YAML file and replace the stored catalogue with it (all or nothing)')
  .argument('<file>', 'catalogue YAML file, e.g. subgraphs/measures/catalogue.yaml')
  .option('--dry-run', 'validate the file only; change nothing')
  .action(async (file: string, options: { dryRun?: boolean }) => {
    const catalogue = loadCatalogueFile(resolve(file));
    const counts = `${catalogue.measures.length} measures, version ${catalogue.version}`;
    if (options.dryRun) {
      console.log(`${file}: valid (${counts})`);
      return;
    }
    const url = mysqlUrlFor('measures');
    const { dataSource } = await openDatabase(measures.database, url);
    try {
      const result = await replaceCatalogue(dataSource, catalogue);
      const where = url ? new URL(url).pathname.slice(1) : 'embedded database';
      console.log(`${file}: imported into ${where} (${counts}; ${result.added} added, ${result.changed} changed, ${result.removed} removed)`);
    } finally {
      await dataSource.destroy();
    }
  });

program.parseAsync().catch((e: unknown) => {
  // Validation and refusal are the operator's to fix: the message, never a stack trace.
  console.error(e instanceof CatalogueError ? e.message : `measures:import failed: ${(e as Error).message}`);
  process.exit(1);
});
