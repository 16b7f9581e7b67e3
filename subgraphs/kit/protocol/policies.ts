import type { Caller } from './caller';
import type { Grants, Requirements } from './directives';

// @policy names used in the subgraph SDL, evaluated per request by the gateway and again by each
// subgraph. Row-level rules that need data (membership, "this subject itself") live in the subgraphs.
export const POLICIES: Record<string, (caller: Caller) => boolean> = {
  // 001 Art. 15: administrative and judicial organs query by law, for published purposes.
  official_body: (c) => c.kind === 'DEPARTMENT' || c.kind === 'COURT' || c.kind === 'ADMIN',
  // 001 Art. 15, 29: a subject reads its own information (the subgraph checks it is itself).
  acting_for_self: (c) => c.subject !== null,
  // The credit authority operating the platform.
  platform_operator: (c) => c.kind === 'ADMIN',
  // 000 item 18: associations apply self-regulation to their members (the subgraph checks membership).
  industry_association: (c) => c.kind === 'ASSOCIATION',
};

/** Refuses to start when the SDL names a policy nobody can evaluate. */
export function checkPolicies(named: Iterable<string>, where: string): void {
  const unknown = [...named].filter((p) => !(p in POLICIES));
  if (unknown.length) throw new Error(`${where} names @policy ${unknown.join(', ')}, unknown to subgraphs/kit/protocol/policies.ts`);
}

/** What the caller holds, reduced to the scopes and policies the SDL mentions. */
export function grantsOf(caller: Caller, reqs: Requirements): Grants {
  const policies = new Set<string>();
  for (const name of reqs.policiesNamed) if (POLICIES[name]?.(caller)) policies.add(name);
  return { authenticated: caller.clientId !== null, scopes: new Set(caller.scopes.filter((s) => reqs.scopesNamed.has(s))), policies };
}
