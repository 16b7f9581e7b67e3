import fc from 'fast-check';
import { QUERY_PURPOSES } from '../../subgraphs/kit/protocol/caller';
import { demoClients, type Client } from '../support/matrix';
import type { Stack } from '../support/stack';

// Who calls: every demo client of gateway/authorization.yaml with each purpose it may use, no
// purpose, a purpose it may not use and one that does not exist; the public; and refused tokens.

export type TokenKind = 'valid' | 'garbage' | 'wrong-audience' | 'wrong-issuer';
export type PurposeKind = 'allowed' | 'none' | 'disallowed' | 'unknown';
export interface Caller { client: Client; token: TokenKind; purpose: string | null; purposeKind: PurposeKind }

export const CLIENTS = demoClients();

function purposesOf(client: Client): fc.Arbitrary<Pick<Caller, 'purpose' | 'purposeKind'>> {
  const disallowed = QUERY_PURPOSES.filter((p) => !client.purposes.includes(p));
  const options: fc.Arbitrary<Pick<Caller, 'purpose' | 'purposeKind'>>[] = [
    fc.constant({ purpose: null, purposeKind: 'none' as const }),
    fc.constantFrom('NOT_A_PURPOSE', 'JUDICIAL,BIDDING', '').map((purpose) => ({ purpose, purposeKind: (purpose ? 'unknown' : 'none') as PurposeKind })),
  ];
  if (disallowed.length) options.push(fc.constantFrom(...disallowed).map((purpose) => ({ purpose, purposeKind: 'disallowed' as const })));
  // Allowed purposes weigh most: that is where data flows and where leaks would be.
  const allowed = client.purposes.length ? [{ weight: 6, arbitrary: fc.constantFrom(...client.purposes).map((purpose) => ({ purpose, purposeKind: 'allowed' as const })) }] : [];
  return fc.oneof(...allowed, ...options);
}

export const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...CLIENTS).chain((client) => purposesOf(client).map((p) => ({ client, token: 'valid' as const, ...p }))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom<TokenKind>('garbage', 'wrong-audience', 'wrong-issuer'), fc.constantFrom(...CLIENTS.filter((c) => c.id))).chain(([token, client]) => purposesOf(client).map((p) => ({ client, token, ...p }))) },
);

export const describeCaller = (c: Caller) => `${c.client.id ?? 'public'}${c.token === 'valid' ? '' : ` (${c.token} token)`} purpose=${c.purpose === null ? 'none' : JSON.stringify(c.purpose)}`;

/** Bearer tokens, signed once per client and kind for the whole run. */
export class Tokens {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly stack: Stack) {}

  of(caller: Caller): Promise<string> | null {
    const id = caller.client.id;
    if (!id) return null;
    if (caller.token === 'garbage') return Promise.resolve('eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZW1vLWFkbWluIn0.');
    const key = `${id}:${caller.token}`;
    let token = this.cache.get(key);
    if (!token) {
      const claims = { ttl: '3h', ...(caller.token === 'wrong-audience' ? { audience: 'another-service' } : caller.token === 'wrong-issuer' ? { issuer: 'https://evil.example' } : {}) };
      token = this.stack.token(id, claims);
      this.cache.set(key, token);
    }
    return token;
  }
}
