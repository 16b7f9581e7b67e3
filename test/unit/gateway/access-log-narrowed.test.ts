import { getVariableValues, parse, type OperationDefinitionNode } from 'graphql';
import { disclosures, type WalkContext } from '../../../gateway/access-log/disclosures';
import { withProbes } from '../../../gateway/access-log/probes';
import { loadSupergraph } from '../../../gateway/supergraph';
import { publicCaller, type Caller } from '../../../subgraphs/kit/protocol/caller';
import { grantsOf } from '../../../subgraphs/kit/protocol/policies';
import { readRequirements } from '../../../subgraphs/kit/protocol/directives';
import { apiSchema } from '../../hostile/api-schema';

// The narrowing rules of row-rules.ts in the walk: a connection its arguments narrow to one subject is that
// subject's disclosure (lists:read) for a caller whose page of it can hold unpublished entries — whatever of it
// came back (a count, page info, cursors, nothing but an empty edges list) — and for nobody else.
const { full, directiveNames } = loadSupergraph();
const reqs = readRequirements(full, directiveNames);
const USCC = '91310106W97GQ2NP1W';
const official: Caller = { ...publicCaller('r1'), clientId: 'demo-department', kind: 'DEPARTMENT', org: 'x', scopes: ['lists:read'], purpose: 'DAILY_SUPERVISION' };

function found(query: string, caller: Caller, variables: Record<string, unknown> = {}, data: Record<string, unknown> = { listEntries: { totalCount: 0 } }) {
  const document = withProbes(apiSchema, parse(query));
  const operation = document.definitions[0] as OperationDefinitionNode;
  const w: WalkContext = {
    schema: apiSchema, reqs, fragments: new Map(), rootIsAction: false, grants: grantsOf(caller, reqs), caller,
    variables: getVariableValues(apiSchema, operation.variableDefinitions ?? [], variables).coerced,
  };
  return disclosures(w, data, apiSchema.getQueryType()!, operation.selectionSet).map((d) => [d.subject, [...d.groups]]);
}

test('a count narrowed to a company, as a literal or a variable (with its default), is the company\'s disclosure', () => {
  const logged = [[{ type: 'LEGAL_PERSON', id: USCC }, ['lists:read']]];
  expect(found(`{ listEntries(filter: { subjectId: "${USCC.toLowerCase()}" }) { totalCount } }`, official)).toEqual(logged);
  expect(found('query($f: ListEntryFilter) { listEntries(filter: $f) { totalCount } }', official, { f: { subjectId: USCC } })).toEqual(logged);
  expect(found(`query($f: ListEntryFilter = { subjectId: "${USCC}" }) { listEntries(filter: $f) { totalCount } }`, official)).toEqual(logged);
  expect(found('{ listEntries(filter: { subjectId: "np_0123456789abcdefghijkl" }) { pageInfo { hasNextPage } } }', official, {}, { listEntries: { pageInfo: { hasNextPage: false } } }))
    .toEqual([[{ type: 'NATURAL_PERSON', id: 'np_0123456789abcdefghijkl' }, ['lists:read']]]);
});

test('not narrowed to a subject, or asked by a caller that sees only published entries, it is nobody\'s', () => {
  expect(found('{ listEntries(filter: { listType: BLACK }) { totalCount } }', official)).toEqual([]);
  expect(found(`{ listEntries(filter: { subjectId: "${USCC}" }) { totalCount } }`, { ...official, purpose: null })).toEqual([]);
  expect(found(`{ listEntries(filter: { subjectId: "${USCC}" }) { totalCount } }`, { ...official, kind: 'ASSOCIATION' })).toEqual([]);
  expect(found(`{ listEntries(filter: { subjectId: "${USCC}" }) { totalCount } }`, { ...official, scopes: [] })).toEqual([]);
});

test("an id of no subject's form (no entry is stored under one) is nobody's disclosure: a 5,000-character id had failed the log's insert and withheld the answer", () => {
  for (const id of ['x'.repeat(5000), 'abc', 'np_short', `${USCC.slice(0, 17)}0`]) {
    expect(found('query($f: ListEntryFilter) { listEntries(filter: $f) { totalCount } }', official, { f: { subjectId: id } })).toEqual([]);
  }
});
