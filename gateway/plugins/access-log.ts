import { createHash, randomBytes } from 'node:crypto';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { decodeJwt } from 'jose';
import { getVariableValues, GraphQLError, Kind, OperationTypeNode, print, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { fragmentsOf } from '../document-parts';
import type { AccessLogRow } from '../../subgraphs/kit/protocol/access-log-table';
import { logTime } from '../../subgraphs/kit/protocol/access-log-table';
import type { Caller } from '../../subgraphs/kit/protocol/caller';
import { issuesReport, type CreditReportRow } from '../../subgraphs/kit/protocol/credit-report-table';
import type { Requirements } from '../../subgraphs/kit/protocol/directives';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';
import { log } from '../../subgraphs/kit/protocol/log';
import { grantsOf } from '../../subgraphs/kit/protocol/policies';
import { disclosures, stripProbes, type Disclosure, type GivenReport } from '../access-log/disclosures';
import { PROBE_PREFIX, withProbes } from '../access-log/probes';
import { openAccessLogStore, type AccessLogStore } from '../access-log/store';
import type { GatewayContext } from '../context';
import { unauthenticated } from './authentication';
import type { GatewayPlugin } from '../runtime';
import { tooComplex } from './query-shape';

// The access log (000 保障(一); 001 Art. 17 (一)(二), 29): every answer that discloses non-public data
// about a subject records who (client, kind, org, operator), why (purpose), what (field groups) and
// when — what was returned, after field authorization, not what was asked. It sits inside the
// field-authorization wrapper, adds private `__log` selections to learn each returned object's
// subject, and answers only once the entries are committed: no answer without its record.

/** The staff member (001 Art. 17 (二)): the token's `operator` claim; required of officials in production. */
const OPERATOR = /^[\w.@-]{1,64}$/;
const CACHE_SIZE = 2000;

interface Probed {
  document: DocumentNode;
  source: string;
  queryHash: string;
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
}

function logUnavailable(): GraphQLError {
  return new GraphQLError('the access log cannot record this answer right now, so it is not given; retry later', {
    extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: 'access-log', http: { status: 503 } },
  });
}

/**
 * A mutation's answer withheld after the mutation ran: it was carried out, and a client told only "not
 * given; retry later" would carry it out twice. Said so, with data null (it executed) and mutationRan.
 */
function withheldAfterMutation(reason: string): GraphQLError {
  return new GraphQLError(`the mutation was carried out, but its answer is not given: ${reason}; do not send it again, read what it wrote with a query`, {
    extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: 'access-log', mutationRan: true },
  });
}

/** Something non-public came back without its subject: recording it against nobody would be no record, so it is not given. */
function unattributedAnswer(types: string[]): GraphQLError {
  return new GraphQLError(`the answer discloses non-public data of ${types.join(', ')} whose subject it does not name, so the access log cannot record it and it is not given`, {
    extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: 'access-log' },
  });
}

function rowOf(d: Disclosure, caller: Caller, at: string, operationName: string | null, operationHash: string, entryId: string): AccessLogRow {
  return {
    subjectType: d.subject.type, subjectId: d.subject.id, at, entryId, requestId: caller.requestId,
    clientId: caller.clientId ?? 'public', clientKind: caller.kind, org: caller.org ?? caller.clientId ?? caller.kind, operator: caller.operator ?? null,
    // field-authorization refused non-public reads without a purpose; a null here fails the insert (closed).
    purpose: caller.purpose!, fieldGroups: [...d.groups].sort(), operationName, operationHash,
  };
}

function reportRowOf(r: GivenReport, caller: Caller): CreditReportRow {
  return {
    subjectType: r.subject.type, subjectId: r.subject.id, year: r.year, numberInYear: r.numberThisYear, id: r.id,
    issuedAt: logTime(new Date(r.issuedAt)), free: r.free, requestId: caller.requestId, clientId: caller.clientId ?? caller.kind,
  };
}

/**
 * Errors the planner attributes to a probe: one at a probe key of a client object belongs to that object
 * (`subject.__log_key…` → `subject`); one inside a probe-only subtree repeats an error the client's own
 * path already has. Either way the client never sees a probe name.
 */
function clientErrorsOf(errors: readonly GraphQLError[] | undefined): GraphQLError[] | undefined {
  if (!errors) return errors;
  const seen = new Set<string>();
  const out: GraphQLError[] = [];
  for (const e of errors) {
    const path = e.path ?? [];
    const at = path.findIndex((k) => typeof k === 'string' && k.startsWith(PROBE_PREFIX));
    if (at >= 0 && at < path.length - 1) continue;
    const clientPath = at >= 0 ? path.slice(0, at) : path;
    const id = `${clientPath.join('.')}\u0000${e.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(at >= 0 ? new GraphQLError(e.message, { path: clientPath, nodes: e.nodes, originalError: e.originalError, extensions: e.extensions }) : e);
  }
  return out;
}

export function useAccessLog(reqs: Requirements, openStore: () => Promise<AccessLogStore> = openAccessLogStore, maxResponseBytes = Infinity): GatewayPlugin {
  // Opened on the first disclosing answer (a gateway without this plugin opens nothing); a failed open is retried.
  let store: Promise<AccessLogStore> | undefined;
  const opened = () => (store ??= openStore().then(
    (s) => (log.info({ where: s.where }, 'access log open'), s),
    (e) => ((store = undefined), Promise.reject(e)),
  ));
  const cache = new Map<string, Probed>();

  const probed = (rc: Parameters<GatewayExecutor>[0]): Probed => {
    const key = `${rc.queryHash}\u0000${rc.operationName ?? ''}`;
    let entry = cache.get(key);
    if (!entry) {
      const document = withProbes(rc.schema, rc.document);
      const source = print(document);
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const fragments = fragmentsOf(document);
      const operation = operations.find((o) => o.name?.value === rc.operation!.name?.value) ?? operations[0];
      entry = { document, source, queryHash: createHash('sha256').update(source).digest('hex'), operation, fragments };
      cache.set(key, entry);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return entry;
  };

  return {
    name: 'access-log',
    onRequest(state) {
      const { caller } = state.context;
      const match = /^Bearer\s+(\S+)$/i.exec(state.req.headers.authorization ?? '');
      let operator: string | null = null;
      try {
        const claim = match ? decodeJwt(match[1]).operator : undefined; // verified by authentication
        if (typeof claim === 'string' && OPERATOR.test(claim)) operator = claim;
      } catch {
        // an unreadable token was already refused by authentication
      }
      if (!operator && process.env.NODE_ENV === 'production' && (caller.kind === 'DEPARTMENT' || caller.kind === 'COURT')) {
        state.error = unauthenticated('the token must name the staff member in an `operator` claim (001 Art. 17 (二): each query is accounted for)');
      }
      state.context.caller = { ...caller, operator };
    },
    wrapExecutor: (execute: GatewayExecutor): GatewayExecutor => async (rc) => {
      const { caller } = rc.context as unknown as GatewayContext;
      // The public holds no scope or policy: nothing it can receive is non-public.
      if (caller.kind === 'PUBLIC' || !rc.operation) return execute(rc);
      const p = probed(rc);
      const result = await execute({ ...rc, document: p.document, source: p.source, queryHash: p.queryHash, operation: p.operation });
      const errors = clientErrorsOf(result.errors);
      if (!result.data) return { ...result, errors };
      const rootType = rc.schema.getRootType(p.operation.operation)!;
      const walk = {
        schema: rc.schema, reqs, grants: grantsOf(caller, reqs), fragments: p.fragments, rootIsAction: p.operation.operation === OperationTypeNode.MUTATION,
        caller, variables: getVariableValues(rc.schema, p.operation.variableDefinitions ?? [], rc.request.variables ?? {}).coerced,
      };
      const given: GivenReport[] = [];
      const unattributed: string[] = [];
      const found = disclosures(walk, result.data, rootType, p.operation.selectionSet, given, unattributed);
      const withheld = (error: GraphQLError, reason: string) => (walk.rootIsAction ? { data: null, errors: [withheldAfterMutation(reason)] } : { errors: [error] });
      if (unattributed.length) {
        log.error({ types: unattributed, requestId: caller.requestId }, 'access log: disclosure without a subject: answer withheld');
        return withheld(unattributedAnswer(unattributed), `it discloses non-public data of ${unattributed.join(', ')} whose subject it does not name`);
      }
      // 001 Art. 29: a credit report given to its subject is issued with this answer, in the same commit.
      const reports = issuesReport(caller.kind) ? given.map((r) => reportRowOf(r, caller)) : [];
      // ... and only if the answer will be given: one the route refuses for its size would count a report the
      // subject never got (a person's free reports used up). Measured here only when a report is issued.
      const data = stripProbes(result.data) as typeof result.data;
      if (reports.length && Buffer.byteLength(JSON.stringify({ data, errors })) > maxResponseBytes) {
        const error = tooComplex(`the answer would be over the ${maxResponseBytes} bytes sent: ask for fewer fields with the credit report`, { rule: 'MAX_RESPONSE_BYTES' });
        return withheld(error, `it would be over the ${maxResponseBytes} bytes sent`);
      }
      if (found.length || reports.length) {
        const at = logTime(new Date());
        const operationName = rc.operationName ?? rc.operation.name?.value ?? null;
        try {
          // One draw of randomness for the answer's entry ids (one per row was ~4 % of the gateway's CPU on a page).
          const ids = randomBytes(8 * found.length).toString('hex');
          await (await opened()).append(found.map((d, i) => rowOf(d, caller, at, operationName, rc.queryHash, ids.slice(16 * i, 16 * i + 16))), reports);
        } catch (e) {
          log.error({ err: (e as Error).message, requestId: caller.requestId }, 'access log write failed: answer withheld');
          return withheld(logUnavailable(), 'the access log cannot record it right now');
        }
      }
      return { ...result, data, errors: errors?.length ? errors : undefined };
    },
    async stop() {
      await (await store?.catch(() => null))?.close();
    },
  };
}
