import { getNamedType, isEnumType, isLeafType, Kind, OperationTypeNode, type GraphQLError } from 'graphql';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { GatewayPlugin } from '../runtime';
import { DEFAULT_PAGE, weigh, type Weighing } from './data-cost';
import { tooComplex } from './query-shape';
import { rootFields } from './root-fields';

// An answer over MAX_RESPONSE_BYTES is refused whole, but only once it is built: for a mutation that
// is after its write committed, and a 400 would tell the client nothing was done. So a mutation's
// answer is estimated from the document and the variables before it runs (the data cost's walk, in
// bytes: list lengths × the selection's keys, aliases included, and values) and refused then, with
// nothing written. One that still comes out larger after it ran is withheld saying the mutation was carried
// out (kit/protocol/http.ts, told by runtime.ts that a mutation ran).

/** A value's bytes as JSON; a text's length is known only once answered, so it is allowed a typical size. */
const VALUE_BYTES: Record<string, number> = { Int: 11, Float: 24, Boolean: 5, ID: 38 };
const TEXT_BYTES = 40;

const BYTES: Weighing = {
  // `"key":value,` — aliases count as the client spelled them; an object's value is its selection.
  own(sel, def) {
    const key = (sel.alias ?? sel.name).value.length + 4;
    const type = getNamedType(def.type);
    if (!isLeafType(type)) return key;
    if (isEnumType(type)) return key + 2 + Math.max(...type.getValues().map((v) => v.name.length));
    return key + (VALUE_BYTES[type.name] ?? TEXT_BYTES);
  },
  set: 2,
  // submitCreditRecords answers one `results` item per record: its records count.
  inputLists: true,
  // A list no argument sizes is allowed a page's worth: counted as one, reads of a subject under a mutation's
  // answer (12 aliases of its applicable measures) passed the estimate and only then outgrew the limit.
  unsizedLists: DEFAULT_PAGE,
};

/** The answer's estimated bytes per root field (a field's response key and its estimate). */
export function answerBytes(rc: GatewayGraphQLRequestContext): { key: string; bytes: number }[] {
  if (!rc.operation) return [];
  const operation = rc.operation;
  return rootFields(rc.document, operation).map((field) => ({
    key: (field.alias ?? field.name).value,
    bytes: weigh({ ...rc, operation: { ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } } }, BYTES),
  }));
}

export function answerRefusal(rc: GatewayGraphQLRequestContext, maxBytes: number): GraphQLError | null {
  if (rc.operation?.operation !== OperationTypeNode.MUTATION) return null;
  const fields = answerBytes(rc);
  const total = fields.reduce((sum, f) => sum + f.bytes, 0);
  if (total <= maxBytes) return null;
  const largest = fields.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return tooComplex(`the answer would be about ${total} bytes (${largest.key} about ${largest.bytes}); at most ${maxBytes} are sent: nothing was written; select fewer or shorter fields, or send fewer records`, {
    field: largest.key, rule: 'MAX_RESPONSE_BYTES',
  });
}

export function useAnswerSize(maxBytes: number): GatewayPlugin {
  return {
    name: 'answer-size',
    wrapExecutor: (execute) => async (rc) => {
      const refusal = answerRefusal(rc, maxBytes);
      return refusal ? { errors: [refusal] } : execute(rc);
    },
  };
}
