import type { Caller } from '../../subgraphs/kit/caller';

// @policy names used in the subgraph SDL, evaluated per request at the gateway. Row-level rules that
// need data (membership, "this subject itself") are enforced again by the subgraphs.
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

/** Refuses to start when the supergraph names a policy the gateway cannot evaluate. */
export function checkPolicies(named: Iterable<string>): void {
  const unknown = [...named].filter((p) => !(p in POLICIES));
  if (unknown.length) throw new Error(`schema/supergraph.graphql names @policy ${unknown.join(', ')}, unknown to gateway/authorization/policies.ts`);
}
