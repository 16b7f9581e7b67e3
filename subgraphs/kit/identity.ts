import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify, type KeyLike } from 'jose';
import type { Caller } from './caller';

// The gateway signs the caller's identity for each subgraph fetch: audience = the subgraph,
// bound to the request body, valid for seconds. A subgraph refuses anything else, so the
// gateway cannot be bypassed and a captured header cannot be replayed with another query.
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

export async function signIdentity(caller: Caller, audience: string, bodyHash: string, key: KeyLike): Promise<string> {
  return new SignJWT({ caller, bh: bodyHash })
    .setProtectedHeader({ alg: ALG })
    .setIssuer(IDENTITY_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${IDENTITY_TTL_SECONDS}s`)
    .sign(key);
}

export class IdentityRejected extends Error {}

export async function verifyIdentity(token: string, audience: string, bodyHash: string, key: KeyLike): Promise<Caller> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, { issuer: IDENTITY_ISSUER, audience, algorithms: [ALG] }));
  } catch (e) {
    throw new IdentityRejected(`identity header rejected: ${(e as Error).message}`);
  }
  if (payload.bh !== bodyHash) throw new IdentityRejected('identity header was signed for another request body');
  return payload.caller as Caller;
}
