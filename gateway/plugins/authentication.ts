import { statSync, readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK, type JWTHeaderParameters, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';
import { publicCaller, type Caller } from '../../subgraphs/kit/protocol/caller';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';
import type { ClientRegistry } from '../clients';
import type { GatewayPlugin } from '../runtime';

// Authentication: a bearer JWT names a client system of the registry; no token is the public role;
// a bad token is 401, never a silent downgrade to public.
export const DEMO_ISSUER = 'credit-platform-demo';
export const DEFAULT_AUDIENCE = 'credit-gateway';
// Asymmetric algorithms only: refuses `alg: none` and HMAC signed with a public key.
const ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 30;
// A client sends the same token for hours; its signature check was ~6 % of the gateway's CPU per
// request. A verified token is remembered with the key that verified it: it is taken again only while
// unexpired and while the key set still hands out that very key (a rotated-out key ends it at once).
const VERIFIED_TOKENS = 10_000;

export type JwksSource = { keys: JWK[] } | { url: string; cooldownMs?: number } | { file: string; recheckMs?: number };

/** A file JWKS is re-read when it changes (checked at most every `recheckMs`): keys rotate without a restart. */
function fileKeySet(file: string, recheckMs: number): JWTVerifyGetKey {
  let mtime = 0;
  let checkedAt = 0;
  let keySet: JWTVerifyGetKey | undefined;
  return (header, token) => {
    if (Date.now() - checkedAt >= recheckMs || !keySet) {
      checkedAt = Date.now();
      const current = statSync(file).mtimeMs;
      if (current !== mtime || !keySet) {
        mtime = current;
        keySet = createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')));
      }
    }
    return keySet(header, token);
  };
}

export function keySetFrom(source: JwksSource): JWTVerifyGetKey {
  // Cached for 10 minutes; an unknown kid (a rotated key) triggers a refetch, at most every cooldown.
  if ('url' in source) return createRemoteJWKSet(new URL(source.url), { cooldownDuration: source.cooldownMs ?? 30_000, cacheMaxAge: 600_000 });
  if ('file' in source) return fileKeySet(source.file, source.recheckMs ?? 5000);
  return createLocalJWKSet(source);
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
  });
}

export interface AuthenticationOptions {
  registry: ClientRegistry;
  jwks: JwksSource;
  issuer?: string;
  audience?: string;
}

export type Authenticate = (authorization: string | undefined, requestId: string) => Promise<Caller>;

export function createAuthenticator(options: AuthenticationOptions): Authenticate {
  const getKey = keySetFrom(options.jwks);
  const issuer = options.issuer ?? DEMO_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const verified = new Map<string, { sub: string | undefined; exp: number; key: Awaited<ReturnType<JWTVerifyGetKey>> }>();
  const subjectOf = async (token: string): Promise<string | undefined> => {
    const key = await getKey(decodeProtectedHeader(token) as JWTHeaderParameters, { payload: '', signature: '' });
    const known = verified.get(token);
    if (known && known.key === key && Date.now() / 1000 <= known.exp + CLOCK_TOLERANCE_SECONDS) return known.sub;
    // A token must expire: one without `exp` would be valid forever.
    const { payload } = await jwtVerify(token, key, { issuer, audience, algorithms: ALGORITHMS, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp'] });
    verified.delete(token);
    verified.set(token, { sub: payload.sub, exp: payload.exp!, key });
    if (verified.size > VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    return payload.sub;
  };
  return async (authorization, requestId) => {
    if (!authorization) return publicCaller(requestId);
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
    let sub: string | undefined;
    try {
      sub = await subjectOf(match[1]);
    } catch (e) {
      throw unauthenticated(`token rejected: ${(e as Error).message}`);
    }
    const client = sub ? options.registry.clients.get(sub) : undefined;
    if (!client) throw unauthenticated(`token subject "${sub ?? ''}" is not a registered client`);
    return {
      clientId: client.id, kind: client.kind, org: client.org, jurisdiction: client.jurisdiction, industry: client.industry,
      scopes: client.scopes, purpose: null, requestId, subject: client.subject, listingDomains: client.listingDomains,
    };
  };
}

/** Puts the authenticated client (or the public) into the request's context. */
export function useAuthentication(options: AuthenticationOptions): GatewayPlugin {
  const authenticate = createAuthenticator(options);
  return {
    name: 'authentication',
    async onRequest(state) {
      try {
        state.context.caller = await authenticate(state.req.headers.authorization, state.context.caller.requestId);
      } catch (e) {
        if (!(e instanceof GraphQLError)) throw e;
        state.error = e; // answered after the rate limit has counted it
      }
    },
  };
}
