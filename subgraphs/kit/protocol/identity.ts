import { createHash } from 'node:crypto';
import { decodeProtectedHeader, SignJWT, jwtVerify, type KeyLike } from 'jose';
import type { Caller } from './caller';

// The gateway signs the caller's identity for each subgraph fetch: audience = the subgraph,
// bound to the request body, valid for seconds. A subgraph refuses anything else, so the
// gateway cannot be bypassed and a captured header cannot be replayed with another query.
// Subgraphs sign their own calls to each other (outbox deliveries, entity lookups) with a separate
// service key that vouches only for SERVICE callers: a subgraph can never speak for a client.
export const IDENTITY_HEADER = 'x-credit-identity';
export const IDENTITY_ISSUER = 'credit-gateway';
const IDENTITY_TTL_SECONDS = 30;
const ALG = 'EdDSA';

export function requestBodyHash(query: string, variables: unknown): string {
  return createHash('sha256')
    .update(query)
    .update('\n')
    .update(JSON.stringify(variables ?? {}))
    .digest('base64url');
}

export type Signer = 'gateway' | 'service';

export async function signIdentity(caller: Caller, audience: string, bodyHash: string, key: KeyLike, signer: Signer = 'gateway'): Promise<string> {
  return new SignJWT({ caller, bh: bodyHash })
    .setProtectedHeader({ alg: ALG, kid: signer })
    .setIssuer(IDENTITY_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${IDENTITY_TTL_SECONDS}s`)
    .sign(key);
}

export class IdentityRejected extends Error {}

export interface IdentityKeys {
  gateway: KeyLike;
  service: KeyLike;
}

export async function verifyIdentity(token: string, audience: string, bodyHash: string, keys: IdentityKeys): Promise<Caller> {
  let payload;
  let signer: Signer;
  try {
    signer = decodeProtectedHeader(token).kid === 'service' ? 'service' : 'gateway';
    ({ payload } = await jwtVerify(token, keys[signer], { issuer: IDENTITY_ISSUER, audience, algorithms: [ALG] }));
  } catch (e) {
    throw new IdentityRejected(`identity header rejected: ${(e as Error).message}`);
  }
  if (payload.bh !== bodyHash) throw new IdentityRejected('identity header was signed for another request body');
  const caller = payload.caller as Caller;
  if ((signer === 'service') !== (caller.kind === 'SERVICE')) throw new IdentityRejected(`the ${signer} key may not sign for a ${caller.kind} caller`);
  return caller;
}
