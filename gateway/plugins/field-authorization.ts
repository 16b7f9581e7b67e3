import type { Requirements } from '../../subgraphs/kit/protocol/directives';
import { authorizingExecutor, type AuthorizationMode } from '../authorization/authorizing-gateway';
import type { GatewayPlugin } from '../runtime';

// Field and type authorization before planning (@authenticated, @requiresScopes, @policy from the
// supergraph), the way Apollo Router does it: filter (default), reject, or dry-run.
export function useFieldAuthorization(requirements: Requirements, mode: AuthorizationMode = 'filter'): GatewayPlugin {
  return { name: 'field-authorization', wrapExecutor: authorizingExecutor(requirements, mode) };
}
