import { formatClientError } from '../../subgraphs/kit/protocol/errors';
import type { GatewayPlugin } from '../runtime';

// Last in the list: every error leaves with a registry code and no stack trace (the formatter is the
// subgraphs' own, so a client sees one shape whichever side refused).
export function useErrorMasking(): GatewayPlugin {
  return { name: 'error-masking', formatError: formatClientError };
}
