import { createHash, randomUUID, sign, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, type KeyLike } from 'jose';
import type { Caller } from './caller';
import type { SharedStore } from './shared-store';

// The gateway signs the caller's identity for each subgraph fetch: audience = the subgraph,
// bound to the request body, valid for seconds. A subgraph refuses anything else, so the
// gateway cannot be bypassed and a captured header cannot be replayed with another query. Each
// signature has its own id (jti), used once: a captured request cannot be replayed as it is either.
// Subgraphs sign their own calls to each other (outbox deliveries, entity lookups) with a separate
// service key that vouches only for SERVICE callers: a subgraph can never speak for a client.
export const IDENTITY_HEADER = 'x-credit-identity';
export const IDENTITY_ISSUER = 'credit-gateway';
const IDENTITY_TTL_SECONDS = 30;
// A used id is remembered a little past the token's expiry, so a replica whose clock lags still refuses it.
const CLOCK_SKEW_SECONDS = 5;
const ALG = 'EdDSA';

export function requestBodyHash(query: string, variables: unknown): string {
  return createHash('sha256')
    .update(query)
    .update('\n')
    .update(JSON.stringify(variables ?? {}))
    .digest('base64url');
}

export type Signer = 'gateway' | 'service';

// Signing is on every subgraph fetch's path, so the compact JWS is assembled here with node:crypto
// (the same token jose would make, verified by jose below): the header is constant per signer and a
// caller's JSON is encoded once per request, however many fetches it signs. Each token still gets
// its own jti, audience, body hash and expiry, and its own Ed25519 signature.
const headers: Record<Signer, string> = {
  gateway: Buffer.from(JSON.stringify({ alg: ALG, kid: 'gateway' })).toString('base64url'),
  service: Buffer.from(JSON.stringify({ alg: ALG, kid: 'service' })).toString('base64url'),
};
const callerJson = new WeakMap<Caller, string>();

export async function signIdentity(caller: Caller, audience: string, bodyHash: string, key: KeyLike, signer: Signer = 'gateway'): Promise<string> {
  let json = callerJson.get(caller);
  if (json === undefined) callerJson.set(caller, (json = JSON.stringify(caller)));
  const now = Math.floor(Date.now() / 1000);
  const claims = `{"caller":${json},"bh":${JSON.stringify(bodyHash)},"iss":"${IDENTITY_ISSUER}","aud":${JSON.stringify(audience)},"jti":"${randomUUID()}","iat":${now},"exp":${now + IDENTITY_TTL_SECONDS}}`;
  const input = `${headers[signer]}.${Buffer.from(claims).toString('base64url')}`;
  return `${input}.${sign(null, Buffer.from(input), key as KeyObject).toString('base64url')}`;
}

export class IdentityRejected extends Error {}

export interface IdentityKeys {
  gateway: KeyLike;
  service: KeyLike;
}

/** Checks signature, audience, body and signer, then spends the token's jti in `usedIds` (shared by the subgraph's replicas). */
export async function verifyIdentity(token: string, audience: string, bodyHash: string, keys: IdentityKeys, usedIds: Pick<SharedStore, 'useOnce'>): Promise<Caller> {
  let payload;
  let signer: Signer;
  try {
    signer = decodeProtectedHeader(token).kid === 'service' ? 'service' : 'gateway';
    ({ payload } = await jwtVerify(token, keys[signer], { issuer: IDENTITY_ISSUER, audience, algorithms: [ALG], requiredClaims: ['exp', 'jti'] }));
  } catch (e) {
    throw new IdentityRejected(`identity header rejected: ${(e as Error).message}`);
  }
  if (payload.bh !== bodyHash) throw new IdentityRejected('identity header was signed for another request body');
  const caller = payload.caller as Caller;
  if ((signer === 'service') !== (caller.kind === 'SERVICE')) throw new IdentityRejected(`the ${signer} key may not sign for a ${caller.kind} caller`);
  const remaining = payload.exp! - Math.floor(Date.now() / 1000);
  if (!(await usedIds.useOnce(`identity:${payload.jti}`, remaining + CLOCK_SKEW_SECONDS))) {
    throw new IdentityRejected('identity header was already used: each signed identity is valid for one request');
  }
  return caller;
}
