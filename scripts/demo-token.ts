import { importJWK, SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEMO_ISSUER } from '../gateway/plugins/authentication';
import { loadRegistry } from '../gateway/clients';
import { loadKeys } from '../subgraphs/kit/protocol/keys';

// A demo token signed with the development issuer key (npm run token, npm run report); never in production.
export async function demoToken(clientId: string, ttl = '12h'): Promise<string> {
  if (process.env.NODE_ENV === 'production') throw new Error('refused: demo tokens are never issued when NODE_ENV=production');
  const registry = loadRegistry();
  if (!registry.clients.has(clientId)) throw new Error(`unknown client "${clientId}"; known: ${[...registry.clients.keys()].join(', ')}`);
  const { demoIssuerPrivate } = await loadKeys();
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: demoIssuerPrivate.kid })
    .setIssuer(DEMO_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setSubject(clientId)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(await importJWK(demoIssuerPrivate, 'ES256'));
}
