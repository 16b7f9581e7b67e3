import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { loadRegistry } from '../../gateway/clients';
import type { Caller } from '../../subgraphs/kit/protocol/caller';
import { IDENTITY_HEADER, requestBodyHash, signIdentity } from '../../subgraphs/kit/protocol/identity';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';

/** Key material made in memory for one test file (never touches ./data). */
export async function testKeys(): Promise<KeyFiles> {
  const identity = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const issuer = await generateKeyPair('ES256', { extractable: true });
  const service = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const { exportJWK } = await import('jose');
  const issuerJwk = { ...(await exportJWK(issuer.privateKey)), alg: 'ES256', kid: 'test-issuer' };
  const { d: _d, ...issuerPublic } = issuerJwk;
  return {
    identityPrivate: identity.privateKey,
    identityPublic: identity.publicKey,
    servicePrivate: service.privateKey,
    servicePublic: service.publicKey,
    subjectKey: Buffer.alloc(32, 7),
    demoIssuerPrivate: issuerJwk,
    demoJwks: { keys: [issuerPublic] },
  };
}

const kinds = loadRegistry().kinds;

/**
 * A caller as the gateway would sign it. By default the platform's operator; the scopes default to
 * those gateway/authorization.yaml gives the caller's kind, since subgraphs check the SDL directives.
 */
export function testCaller(overrides: Partial<Caller> = {}): Caller {
  const kind = overrides.kind ?? 'ADMIN';
  return {
    clientId: 'test-admin', kind, org: null, jurisdiction: null, industry: null, scopes: kinds[kind as keyof typeof kinds]?.scopes ?? [],
    purpose: 'DAILY_SUPERVISION', requestId: randomUUID(), subject: null, listingDomains: [], ...overrides,
  };
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Calls a subgraph directly, the way the gateway does: identity signed for that subgraph and this body. */
export async function callSubgraph<T = any>(
  url: string,
  subgraph: string,
  keys: KeyFiles,
  query: string,
  variables?: Record<string, unknown>,
  caller: Caller = testCaller(),
): Promise<GraphQLResponse<T>> {
  // Subgraphs accept SERVICE callers only under the service key, and clients only under the gateway's.
  const token = caller.kind === 'SERVICE'
    ? await signIdentity(caller, subgraph, requestBodyHash(query, variables), keys.servicePrivate, 'service')
    : await signIdentity(caller, subgraph, requestBodyHash(query, variables), keys.identityPrivate!);
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}
