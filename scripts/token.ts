import { Command } from 'commander';
import { demoToken } from './demo-token';

// npm run --silent token -- <clientId>: prints a demo token signed with the development issuer key.
const program = new Command()
  .name('token')
  .argument('<clientId>', 'a client of gateway/authorization.yaml, e.g. demo-department')
  .option('--ttl <duration>', 'lifetime, e.g. 12h or 30m', '12h')
  .action(async (clientId: string, opts: { ttl: string }) => {
    process.stdout.write(`${await demoToken(clientId, opts.ttl)}\n`);
  });

program.parseAsync().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
