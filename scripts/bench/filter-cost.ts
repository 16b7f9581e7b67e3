import { createHash, randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { Kind, parse, validate, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { authorizingExecutor } from '../../gateway/authorization/authorizing-gateway';
import { filterOperation } from '../../gateway/authorization/filter';
import { readRequirements, type Requirements } from '../../subgraphs/kit/protocol/directives';
import { grantsOf } from '../../subgraphs/kit/protocol/policies';
import { loadRegistry } from '../../gateway/clients';
import { loadSupergraph } from '../../gateway/supergraph';
import type { Caller, QueryPurpose } from '../../subgraphs/kit/protocol/caller';
import { fmt, median, microTime, table } from './measure';

// Scenario 2: the authorization filter in process. Uncached = filterOperation itself, and the executor
// when its cache misses (filter + print + hash + errors); cached = the executor's cache hit. The
// executor wraps a stub gateway that answers at once, so only the authorization work is timed.

export const WIDE_QUERY = `query Wide($uscc: USCC!) {
  legalPerson(uscc: $uscc) {
    uscc name organizationType registrationAuthority adminDivision industryCode establishedOn status
    legalRepresentative {
      id name idNumber gender birthYear dishonestRecordCount
      representedLegalPersons { uscc name status }
      listEntries { id listType domain status }
      linkedListEntries { id listType }
      creditRecords(first: 3) { totalCount edges { cursor node { id category title decidedOn dishonest } } }
    }
    creditRecords(first: 5) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id category sourceDepartment title content decisionNumber decidedOn behaviourEndedOn public dishonest decisionKind penaltyTier publishedOn provider providerRecordId } }
    }
    dishonestRecordCount
    publicDecisions(first: 3) { totalCount edges { node { id title decidedOn decisionKind } } }
    listEntries {
      id listType domain status listedBy jurisdiction standard basis decidedOn periodEndsOn noticeServedOn published endedOn endReason
      subject { ... on LegalPerson { uscc } ... on NaturalPerson { id } }
      history { event fromStatus toStatus reason actorOrg on }
      punishmentSuspension { suspended reason }
      objections { id status }
    }
    applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) {
      measure { id kind mandatory category description means legalBasis implementingDepartment }
      listEntry { id listType } suspended suspensionReason
    }
    objections { id status outcome targetType targetId reason filedOn }
    repairApplications { id status }
  }
}`;

const SLICES = 5;
const SLICE = { warmup: 50, maxIterations: 5_000, maxMs: 500 };

function callerOf(clientId: string, purpose: QueryPurpose): Caller {
  const client = loadRegistry().clients.get(clientId)!;
  return {
    clientId, kind: client.kind, org: client.org, jurisdiction: client.jurisdiction, industry: client.industry,
    scopes: client.scopes, purpose, requestId: randomUUID(), subject: client.subject, listingDomains: client.listingDomains,
  };
}

function countFields(doc: DocumentNode): number {
  let n = 0;
  visit(doc, { Field: () => void n++ });
  return n;
}

async function apiSchema(planningSdl: string): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: planningSdl });
  const { schema } = await gateway.load();
  await gateway.stop();
  return schema;
}

async function timeCaller(schema: GraphQLSchema, reqs: Requirements, doc: DocumentNode, caller: Caller): Promise<string[]> {
  const grants = grantsOf(caller, reqs);
  const removals = filterOperation(schema, doc, 'Wide', reqs, grants).removals.length;
  const executor = authorizingExecutor(reqs, 'filter')((async () => ({ data: {} })) as GatewayExecutor);
  const rc = {
    schema, document: doc, source: WIDE_QUERY, operationName: 'Wide', context: { caller },
    queryHash: createHash('sha256').update(WIDE_QUERY).digest('hex'),
    operation: doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!,
  } as unknown as GatewayGraphQLRequestContext;
  let misses = 0;
  const paths = {
    filter: () => filterOperation(schema, doc, 'Wide', reqs, grants),
    // A distinct queryHash per call makes every call a cache miss (as a first-seen document is).
    miss: () => executor({ ...rc, queryHash: `miss-${misses++}` }),
    hit: () => executor(rc),
  };
  // Interleaved slices, median per path: GC and neighbours on the shared machine hit all three alike.
  const samples: Record<keyof typeof paths, number[]> = { filter: [], miss: [], hit: [] };
  for (let s = 0; s < SLICES; s++) {
    for (const name of Object.keys(paths) as (keyof typeof paths)[]) samples[name].push((await microTime(paths[name], SLICE)).usPerOp);
  }
  const [filter, miss, hit] = [median(samples.filter), median(samples.miss), median(samples.hit)];
  return [caller.clientId!, String(removals), fmt.us(filter), fmt.us(miss), fmt.us(hit), fmt.ratio(filter / hit), fmt.ratio(miss / hit)];
}

export async function filterCostScenario(): Promise<string> {
  const supergraph = loadSupergraph();
  const schema = await apiSchema(supergraph.planningSdl);
  const reqs = readRequirements(supergraph.full, supergraph.directiveNames);
  const doc = parse(WIDE_QUERY);
  const invalid = validate(schema, doc);
  if (invalid.length) return `2. Filter cost: SKIPPED, the benchmark query no longer validates: ${invalid.map((e) => e.message).join('; ')}`;
  const rows = [
    await timeCaller(schema, reqs, doc, callerOf('demo-department', 'ADMINISTRATIVE_APPROVAL')),
    await timeCaller(schema, reqs, doc, callerOf('demo-agency', 'BIDDING')),
  ];
  return [
    `2. Filter cost (in process; ${countFields(doc)}-selection query; per path the median of ${SLICES} interleaved slices of ≤ ${fmt.n(SLICE.maxIterations)} calls or ${SLICE.maxMs} ms)`,
    table([['caller', 'removals', 'filterOperation', 'executor miss', 'executor hit', 'RATIO filter/hit', 'RATIO miss/hit'], ...rows]),
  ].join('\n');
}
