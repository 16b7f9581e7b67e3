import { parse, type OperationDefinitionNode } from 'graphql';
import { disclosures, type WalkContext } from '../../../gateway/access-log/disclosures';
import { withProbes } from '../../../gateway/access-log/probes';
import { loadSupergraph } from '../../../gateway/supergraph';
import { readRequirements } from '../../../subgraphs/kit/protocol/directives';
import { apiSchema } from '../../hostile/api-schema';

// The run-time side of access-log-attribution.test.ts: an object that should name its subject (a list
// entry, a record, an objection) and came back without one, while disclosing something, is reported, so
// the plugin withholds the answer instead of giving it unlogged.
const { full, directiveNames } = loadSupergraph();
const reqs = readRequirements(full, directiveNames);

function walk(query: string, data: Record<string, unknown>) {
  const document = withProbes(apiSchema, parse(query));
  const operation = document.definitions[0] as OperationDefinitionNode;
  const w: WalkContext = {
    schema: apiSchema, reqs, fragments: new Map(), rootIsAction: false,
    grants: { authenticated: true, scopes: new Set(['records:read', 'lists:read', 'stats:read']), policies: new Set() },
  };
  const unattributed: string[] = [];
  const found = disclosures(w, data, apiSchema.getQueryType()!, operation.selectionSet, [], unattributed);
  return { found, unattributed };
}

const QUERY = '{ associationReport(year: 2026, association: "x") { appliedMeasures { id content } } }';
const record = (subject: unknown) => ({ id: 'r1', content: 'c', __log_public: false, __log_subject: subject });

test('a non-public record that names its subject is that subject\'s disclosure', () => {
  const { found, unattributed } = walk(QUERY, { associationReport: { appliedMeasures: [record({ __log_typename: 'LegalPerson', __log_key: '91310106W97GQ2NP1W' })] } });
  expect(unattributed).toEqual([]);
  expect(found.map((d) => [d.subject, [...d.groups]])).toEqual([[{ type: 'LEGAL_PERSON', id: '91310106W97GQ2NP1W' }, ['records:read']]]);
});

test('a non-public record without its subject, and none above it, is reported unattributed', () => {
  const { found, unattributed } = walk(QUERY, { associationReport: { appliedMeasures: [record(null)] } });
  expect(found).toEqual([]);
  expect(unattributed).toEqual(['CreditRecord']);
});

test('a public record without its subject discloses nothing, so nothing is refused', () => {
  const { unattributed } = walk(QUERY, { associationReport: { appliedMeasures: [{ ...record(null), __log_public: true }] } });
  expect(unattributed).toEqual([]);
});
