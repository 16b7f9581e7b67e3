import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isObjectType, isUnionType, type GraphQLNamedType } from 'graphql';
import { isRowGuarded, nonPublicFields } from '../../../../subgraphs/kit/server/row-fields';
import { ALL_SUBGRAPHS } from '../../../../subgraphs/modules';

// Generated from every subgraph's SDL and the supergraph: each non-public field of each type
// reachable from a subject resolves through the row rule (kit/server/row-fields.ts). A new
// non-public field, or a new type about a subject, that skips it fails here.

// Reachable from a subject, yet the same for every subject: the row rule has nothing to decide.
const SUBJECT_INDEPENDENT: Record<string, string> = {
  Measure: 'the published measure catalogue (001 Art. 19); feedbackTotals counts over all entries (stats:read)',
};

const supergraph = buildSchema(readFileSync(join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8'), { assumeValidSDL: true });

function reachableFrom(roots: string[]): Set<string> {
  const seen = new Set<string>(roots);
  const queue: GraphQLNamedType[] = roots.map((r) => supergraph.getType(r)!);
  while (queue.length) {
    const type = queue.shift()!;
    const members = isUnionType(type) ? type.getTypes() : isObjectType(type) ? Object.values(type.getFields()).map((f) => getNamedType(f.type)) : [];
    for (const next of members) if (!seen.has(next.name) && (isObjectType(next) || isUnionType(next))) (seen.add(next.name), queue.push(next));
  }
  return seen;
}

const aboutSubjects = reachableFrom(['LegalPerson', 'NaturalPerson']);

test('the subject types reach the rows of every subgraph', () => {
  for (const t of ['ListEntry', 'ListEntryEvent', 'MeasureFeedback', 'Objection', 'RepairApplication', 'CreditRecord']) expect(aboutSubjects).toContain(t);
});

test.each(ALL_SUBGRAPHS.map((m) => [m.name, m] as const))('%s: every non-public field of a type about a subject applies the row rule', (_name, mod) => {
  const missing: string[] = [];
  for (const [type, fields] of nonPublicFields(mod.typeDefs)) {
    if (!aboutSubjects.has(type) || type in SUBJECT_INDEPENDENT) continue;
    const map = (mod.resolvers as Record<string, Record<string, unknown>>)[type] ?? {};
    for (const field of fields) if (!isRowGuarded(map[field])) missing.push(`${type}.${field}`);
  }
  expect(missing).toEqual([]);
});

test('objections: the work-queue edges (objectionQueue, repairQueue) carry rows about subjects and apply the row rule too', () => {
  const mod = ALL_SUBGRAPHS.find((m) => m.name === 'objections')!;
  const map = mod.resolvers as Record<string, Record<string, unknown>>;
  const fields = nonPublicFields(mod.typeDefs);
  for (const type of ['ObjectionEdge', 'RepairApplicationEdge']) {
    expect(fields.get(type)).toContain('node');
    for (const field of fields.get(type)!) expect(isRowGuarded(map[type][field])).toBe(true);
  }
});
