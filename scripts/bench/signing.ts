import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { signIdentity, IDENTITY_ISSUER } from '../../subgraphs/kit/protocol/identity';
import { publicCaller } from '../../subgraphs/kit/protocol/caller';
import { fmt } from './report';

// The signing lever: CPU per signed identity, jose's SignJWT (the former way) against
// subgraphs/kit/protocol/identity.ts's compact JWS over node:crypto, alternating in this process.
const N = 3000;

export async function signingCost(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const caller = { ...publicCaller('bench'), clientId: 'demo-department', kind: 'DEPARTMENT' as const, scopes: ['records:read', 'lists:read', 'measures:read', 'subject:read'], purpose: 'ADMINISTRATIVE_APPROVAL' as const };
  const ways = {
    jose: () => new SignJWT({ caller, bh: 'x'.repeat(43) }).setProtectedHeader({ alg: 'EdDSA', kid: 'gateway' }).setIssuer(IDENTITY_ISSUER).setAudience('lists').setJti(randomUUID()).setIssuedAt().setExpirationTime('30s').sign(privateKey),
    ours: () => signIdentity(caller, 'lists', 'x'.repeat(43), privateKey),
  };
  const us: Record<string, number[]> = { jose: [], ours: [] };
  for (let round = 0; round < 3; round++) {
    for (const [name, sign] of Object.entries(ways)) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < N; i++) await sign();
      const c = process.cpuUsage(c0);
      us[name].push((c.user + c.system) / N);
    }
  }
  const best = (name: string) => Math.min(...us[name]);
  return `Signing one identity (Ed25519, CPU per signature, best of 3 × ${N}): jose SignJWT ${best('jose').toFixed(1)} µs, ours ${best('ours').toFixed(1)} µs — ${fmt.ratio(best('ours') / best('jose'))}`;
}
