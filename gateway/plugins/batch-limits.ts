import { OperationTypeNode, type GraphQLError } from 'graphql';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { clientError, ErrorCode } from '../../subgraphs/kit/protocol/errors';
import { MAX_RECORDS_PER_SUBMISSION, MAX_SUBJECTS_PER_QUERY } from '../../subgraphs/kit/protocol/limits';
import type { GatewayPlugin } from '../runtime';
import { BATCH_FIELDS } from './batch-slices';
import { lengthOf, variablesOf } from './data-cost';
import { rootFields } from './root-fields';

// The batch limits hold per operation. Each subgraph checks one field's list at a time, so the same
// batch split over aliases (12 × 10,000 USCCs fit the data cost) or over two submitCreditRecords
// would pass there. The gateway sums the lists of every root field and alias, inline or as
// variables, before the operation is planned, sliced or written.

export interface BatchLimit {
  operation: OperationTypeNode;
  /** Root field → its list argument; all of them count against one `max`. */
  fields: Record<string, string>;
  max: number;
}

export const BATCH_LIMITS: readonly BatchLimit[] = [
  { operation: OperationTypeNode.QUERY, fields: BATCH_FIELDS, max: MAX_SUBJECTS_PER_QUERY },
  { operation: OperationTypeNode.MUTATION, fields: { submitCreditRecords: 'records' }, max: MAX_RECORDS_PER_SUBMISSION },
];

type Request = Pick<Parameters<GatewayExecutor>[0], 'document' | 'operation' | 'request'>;

/** The refusal of an operation whose batch lists, summed, exceed their limit; null when within it. */
export function batchRefusal(rc: Request, limits: readonly BatchLimit[] = BATCH_LIMITS): GraphQLError | null {
  const operation = rc.operation;
  if (!operation) return null;
  const variables = variablesOf(rc);
  for (const limit of limits) {
    if (limit.operation !== operation.operation) continue;
    // One response key is answered once however often it is selected (validation made its selections the same field and arguments).
    const counted = new Set<string>();
    const parts: string[] = [];
    let total = 0;
    for (const field of rootFields(rc.document, operation)) {
      const argument = limit.fields[field.name.value];
      const key = field.alias?.value ?? field.name.value;
      const value = field.arguments?.find((a) => a.name.value === argument)?.value;
      if (!argument || !value || counted.has(key)) continue;
      counted.add(key);
      const n = lengthOf(value, variables);
      total += n;
      parts.push(`${key}.${argument} ${n}`);
      if (total > limit.max) {
        // The subgraph's own refusal, naming the field that crossed the limit, with the operation's total.
        return clientError(ErrorCode.BATCH_TOO_LARGE, `${key}.${argument} brings the operation's batch to ${total} items (${parts.join(', ')}); at most ${limit.max} are allowed in one request, over all fields and aliases`, {
          field: `${key}.${argument}`, rule: 'BATCH_TOO_LARGE', size: total, max: limit.max, http: { status: 400 },
        });
      }
    }
  }
  return null;
}

export function useBatchLimits(): GatewayPlugin {
  return {
    name: 'batch-limits',
    wrapExecutor: (execute) => async (rc) => {
      const refusal = batchRefusal(rc);
      return refusal ? { errors: [refusal] } : execute(rc);
    },
  };
}
