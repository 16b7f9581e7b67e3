import { BREAK, GraphQLError, Kind, OperationTypeNode, visit, type DocumentNode, type FieldNode } from 'graphql';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { MAX_SUBJECTS_PER_QUERY } from '../../subgraphs/kit/protocol/limits';
import type { GatewayPlugin } from '../runtime';

// A batch credit check of 10,000 subjects is answered in slices of BATCH_SLICE subjects, two at a time,
// each a whole pass through the plugins below this one (authorization, access log, planning,
// result shaping). @apollo/gateway shapes a result synchronously; one slice holds the event loop for
// tens of milliseconds instead of the whole batch for seconds, so /health and every other request stay
// answered while the batch runs. The answer is the same list, in the same order, as one pass would give.
export const BATCH_SLICE = 1_000;

/** The root fields whose answer is one item per item of a list argument, in order. */
export const BATCH_FIELDS: Record<string, string> = { legalPersons: 'usccs', naturalPersons: 'idNumbers' };

type Request = Parameters<GatewayExecutor>[0];
type Result = Awaited<ReturnType<GatewayExecutor>>;

interface Sliceable {
  responseKey: string;
  variable: string;
  items: unknown[];
}

// A credit report is one per subject and request (the access-log subgraph's DataLoader); slices are
// separate passes, so the same subject in two slices would be two reports, or (two in flight) one
// recorded for an answer withheld when the second insert collides. Such a query is answered in one pass.
const REPORT_FIELD = 'creditReport';

function selectsReport(document: DocumentNode): boolean {
  let found = false;
  visit(document, { Field: (node) => (node.name.value === REPORT_FIELD ? ((found = true), BREAK) : undefined) });
  return found;
}

/** A query whose only root selection is a batch field with its list given by a variable longer than a slice, within the batch limit. */
function sliceable(rc: Request, size: number): Sliceable | null {
  const operation = rc.operation;
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
  const [field, ...others] = operation.selectionSet.selections;
  if (others.length || field.kind !== Kind.FIELD || field.directives?.length) return null;
  const argument = BATCH_FIELDS[field.name.value];
  const value = (field as FieldNode).arguments?.find((a) => a.name.value === argument)?.value;
  if (!argument || value?.kind !== Kind.VARIABLE) return null;
  const items = rc.request.variables?.[value.name.value];
  // Over the batch limit the operation is refused before it gets here (batch-limits.ts); slicing must never lift it.
  if (!Array.isArray(items) || items.length <= size || items.length > MAX_SUBJECTS_PER_QUERY) return null;
  if (selectsReport(rc.document)) return null;
  return { responseKey: field.alias?.value ?? field.name.value, variable: value.name.value, items };
}

/** Error paths inside slice k point at item (offset + i) of the whole answer. */
function shifted(errors: readonly GraphQLError[] | undefined, responseKey: string, offset: number): GraphQLError[] {
  return (errors ?? []).map((e) => {
    if (e.path?.[0] !== responseKey || typeof e.path[1] !== 'number' || offset === 0) return e;
    const path = [responseKey, e.path[1] + offset, ...e.path.slice(2)];
    return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path, originalError: e.originalError, extensions: e.extensions });
  });
}

export function useBatchSlices(size = BATCH_SLICE): GatewayPlugin {
  return {
    name: 'batch-slices',
    wrapExecutor: (execute: GatewayExecutor): GatewayExecutor => async (rc) => {
      const slicing = sliceable(rc, size);
      if (!slicing) return execute(rc);
      const { responseKey, variable, items } = slicing;
      // Each slice starts after a turn of the event loop, so whatever else waits on it runs in between.
      const start = (offset: number): Promise<Result> => {
        const slice = new Promise((resolve) => setImmediate(resolve)).then(() => execute({ ...rc, request: { ...rc.request, variables: { ...rc.request.variables, [variable]: items.slice(offset, offset + size) } } }));
        slice.catch(() => undefined); // a slice left unawaited (an earlier one ended the answer) never rejects unhandled
        return slice;
      };
      const list: unknown[] = [];
      const errors: GraphQLError[] = [];
      // Two slices in flight: while the gateway shapes one, the subgraphs already work on the next.
      let next = start(0);
      for (let offset = 0; offset < items.length; offset += size) {
        const current = next;
        if (offset + size < items.length) next = start(offset + size);
        const result = await current;
        errors.push(...shifted(result.errors, responseKey, offset));
        const data = result.data as Record<string, unknown> | null | undefined;
        const slice = data?.[responseKey];
        // A refusal (no data) or a null that reached the root answers for the whole batch, as one pass would.
        if (!Array.isArray(slice)) return data ? { ...result, data: { [responseKey]: slice }, errors } : { ...result, errors };
        list.push(...slice);
      }
      return { data: { [responseKey]: list }, errors: errors.length ? errors : undefined };
    },
  };
}
