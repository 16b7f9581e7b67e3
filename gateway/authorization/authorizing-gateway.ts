import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { declaredPurpose, purposeRequired } from '../../subgraphs/kit/protocol/purpose';
import type { GatewayContext } from '../context';
import { filterOperation, type FilterResult } from './filter';
import type { Grants, Requirements } from '../../subgraphs/kit/protocol/directives';
import { checkPolicies, grantsOf } from '../../subgraphs/kit/protocol/policies';
import { planningDocument } from './planning-document';
import { clientDataOf, reservedAliasErrors, toClientErrors } from './private-names';
import { restoreNulls, unauthorizedErrors } from './restore';
import { variableErrors } from './variables';

// Wraps the gateway's executor: it filters the operation (in the client's names), hands the planner
// a normalized document (private aliases, fragments flattened: planning-document.ts) and renames the
// response back. The planned document gets its own source and queryHash, so the gateway's plan cache
// (keyed by queryHash) holds what is planned and can never serve a privileged caller's plan to a less
// privileged one. Both steps are cached per (document, operation, the caller's relevant grants), as
// Apollo Router keys its cache.

export type AuthorizationMode = 'filter' | 'reject' | 'dry-run';

interface Planned {
  document: DocumentNode;
  source: string;
  queryHash: string;
  operation: OperationDefinitionNode;
  /** Gives the response the client's keys back. */
  clientData: <T>(data: T) => T;
}

interface Entry extends FilterResult {
  /** The operation is refused before anything runs (client aliases in the reserved namespace). */
  refused: GraphQLError[];
  errors: GraphQLError[];
  /** What the planner gets; absent when nothing is executed (refused, or every root field removed). */
  planned?: Planned;
}

const CACHE_SIZE = 2000;

function grantKey(g: Grants): string {
  return `${g.authenticated ? 1 : 0}|${[...g.scopes].sort().join(',')}|${[...g.policies].sort().join(',')}`;
}

function plan(rc: GatewayGraphQLRequestContext, document: DocumentNode): Planned {
  const planned = planningDocument(rc.schema, document, rc.operationName);
  const source = print(planned);
  const operation = planned.definitions[0] as OperationDefinitionNode;
  return { document: planned, source, queryHash: createHash('sha256').update(source).digest('hex'), operation, clientData: clientDataOf(operation) };
}

function prepare(rc: GatewayGraphQLRequestContext, reqs: Requirements, grants: Grants, mode: AuthorizationMode): Entry {
  const refused = reservedAliasErrors(rc.document);
  const result = filterOperation(rc.schema, rc.document, rc.operationName, reqs, grants);
  // Dry-run executes what the client sent; the other modes execute only what the filter kept.
  const executes = !refused.length && (mode === 'dry-run' || !result.empty);
  const planned = executes ? plan(rc, mode === 'dry-run' ? rc.document : result.document) : undefined;
  return { ...result, refused, errors: unauthorizedErrors(result.removals), planned };
}

export function authorizingExecutor(reqs: Requirements, mode: AuthorizationMode): (execute: GatewayExecutor) => GatewayExecutor {
  checkPolicies(reqs.policiesNamed, 'schema/supergraph.graphql');
  const cache = new Map<string, Entry>();
  return (execute: GatewayExecutor): GatewayExecutor => async (rc) => {
    const caller = (rc.context as unknown as GatewayContext).caller;
    const grants = grantsOf(caller, reqs);
    const key = `${rc.queryHash}\u0000${rc.operationName ?? ''}\u0000${grantKey(grants)}`;
    let entry = cache.get(key);
    if (entry) {
      cache.delete(key);
      cache.set(key, entry);
    } else {
      entry = prepare(rc, reqs, grants, mode);
      cache.set(key, entry);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    if (entry.refused.length) return { errors: entry.refused };
    // 001 Art. 15: non-public information is read for a declared purpose (also what a mutation returns).
    if (entry.touchesNonPublic && !declaredPurpose(caller)) return { errors: [purposeRequired()] };
    const unauthorized = mode === 'dry-run' ? [] : entry.errors;
    if (mode === 'reject' && unauthorized.length) return { errors: unauthorized };
    const { planned } = entry;
    if (!planned) {
      // Nothing is planned, so the gateway never coerces the variables: refuse bad ones here.
      const invalid = variableErrors(rc);
      return invalid.length ? { errors: invalid } : { data: restoreNulls({}, entry.removals), errors: unauthorized };
    }
    const result = await execute({ ...rc, document: planned.document, source: planned.source, queryHash: planned.queryHash, operation: planned.operation });
    const errors = [...toClientErrors(result.errors ?? []), ...unauthorized];
    if (result.data === undefined) return { ...result, errors }; // a request error (bad variables): no data, 400
    const data = planned.clientData(result.data);
    const extensions = mode === 'dry-run' && entry.errors.length ? { ...result.extensions, authorizationDryRun: entry.errors.map((e) => e.path) } : result.extensions;
    return { ...result, data: mode === 'dry-run' ? data : restoreNulls(data, entry.removals), errors: errors.length ? errors : undefined, extensions };
  };
}
