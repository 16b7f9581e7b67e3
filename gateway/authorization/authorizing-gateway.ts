import { createHash } from 'node:crypto';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, print, type OperationDefinitionNode } from 'graphql';
import { declaredPurpose, purposeRequired } from '../../subgraphs/kit/protocol/purpose';
import type { GatewayContext } from '../context';
import { filterOperation, type FilterResult } from './filter';
import type { Grants, Requirements } from '../../subgraphs/kit/protocol/directives';
import { checkPolicies, grantsOf } from '../../subgraphs/kit/protocol/policies';
import { restoreNulls, unauthorizedErrors } from './restore';
import { variableErrors } from './variables';

// Wraps the gateway's executor: it filters the operation before planning.
// The filtered document gets its own source and queryHash, so the gateway's plan cache (keyed by
// queryHash) can never serve a privileged caller's plan to a less privileged one. Filtering is
// cached per (document, operation, the caller's relevant grants), as Apollo Router keys its cache.

export type AuthorizationMode = 'filter' | 'reject' | 'dry-run';

interface Entry extends FilterResult {
  errors: GraphQLError[];
  source: string;
  queryHash: string;
  filteredOperation: OperationDefinitionNode | undefined;
}

const CACHE_SIZE = 2000;

function grantKey(g: Grants): string {
  return `${g.authenticated ? 1 : 0}|${[...g.scopes].sort().join(',')}|${[...g.policies].sort().join(',')}`;
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
      const result = filterOperation(rc.schema, rc.document, rc.operationName, reqs, grants);
      const source = result.removals.length ? print(result.document) : rc.source;
      entry = {
        ...result,
        errors: unauthorizedErrors(result.removals),
        source,
        queryHash: result.removals.length ? createHash('sha256').update(source).digest('hex') : rc.queryHash,
        filteredOperation: result.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION),
      };
      cache.set(key, entry);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    // 001 Art. 15: non-public information is read for a declared purpose (also what a mutation returns).
    if (entry.touchesNonPublic && !declaredPurpose(caller)) return { errors: [purposeRequired()] };
    if (entry.removals.length === 0 || mode === 'dry-run') {
      const result = await execute(rc);
      return mode === 'dry-run' && entry.errors.length ? { ...result, extensions: { ...result.extensions, authorizationDryRun: entry.errors.map((e) => e.path) } } : result;
    }
    if (mode === 'reject') return { errors: entry.errors };
    if (entry.empty) {
      const invalid = variableErrors(rc);
      return invalid.length ? { errors: invalid } : { data: restoreNulls({}, entry.removals), errors: entry.errors };
    }
    const result = await execute({ ...rc, document: entry.document, source: entry.source, queryHash: entry.queryHash, operation: entry.filteredOperation ?? rc.operation });
    return { ...result, data: restoreNulls(result.data, entry.removals), errors: [...(result.errors ?? []), ...entry.errors] };
  };
}
