import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { demoToken } from './demo-token';
import { fetchReport } from './report/fetch';
import { reportHtml } from './report/html';
import { reportTables, textTable } from './report/tables';

// npm run report -- --year 2026 [--html report.html]: the platform's annual report (001) from the running
// gateway, as text tables on the terminal and, with --html, a self-contained page with charts.
const year = (v: string) => {
  if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('a four-digit year, e.g. 2026');
  return Number(v);
};

const program = new Command()
  .name('report')
  .requiredOption('--year <year>', 'calendar year of the report', year)
  .option('--html <file>', 'also write an HTML page with charts (all assets inlined)')
  .option('--url <url>', 'the gateway', `http://localhost:${process.env.PORT ?? 4000}/graphql`)
  .option('--token <jwt>', 'a token of a client holding stats:read (default: REPORT_TOKEN, else a development token of demo-admin)')
  .action(async (opts: { year: number; html?: string; url: string; token?: string }) => {
    const token = opts.token ?? process.env.REPORT_TOKEN ?? (await demoToken('demo-admin', '10m'));
    const report = await fetchReport(opts.url, token, opts.year);
    process.stdout.write(`${reportTables(report).map(textTable).join('\n\n')}\n`);
    if (opts.html) {
      writeFileSync(opts.html, reportHtml(report));
      process.stdout.write(`\nwrote ${opts.html}\n`);
    }
  });

program.parseAsync().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
