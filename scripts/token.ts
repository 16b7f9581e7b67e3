import { Command } from 'commander';
import { importJWK, SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEMO_ISSUER } from '../gateway/plugins/authentication';
import { loadRegistry } from '../gateway/clients';
import { loadKeys } from '../subgraphs/kit/protocol/keys';

// npm run --silent token -- <clientId>: prints a demo token signed with the development issuer key.
const program = new Command()
  .name('token')
  .argument('<clientId>', 'a client of gateway/authorization.yaml, e.g. demo-department')
  .option('--ttl <duration>', 'lifetime, e.g. 12h or 30m', '12h')
  .action(async (clientId: string, opts: { ttl: string }) => {
    if (process.env.NODE_ENV === 'production') {
      console.error('refused: demo tokens are never issued when NODE_ENV=production');
      process.exit(1);
    }
    const registry = loadRegistry();
    if (!registry.clients.has(clientId)) {
      console.error(`unknown client "${clientId}"; known: ${[...registry.clients.keys()].join(', ')}`);
      process.exit(1);
    }
    const { demoIssuerPrivate } = await loadKeys();
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: demoIssuerPrivate.kid })
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setSubject(clientId)
      .setIssuedAt()
      .setExpirationTime(opts.ttl)
      .sign(await importJWK(demoIssuerPrivate, 'ES256'));
    process.stdout.write(`${token}\n`);
  });

program.parseAsync().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
