import { getNamedType, isAbstractType, isObjectType, type GraphQLNamedType, type GraphQLObjectType } from 'graphql';
import { subjectSource, SUBJECT_TYPES } from '../../../gateway/access-log/probes';
import { ROW_RULES } from '../../../gateway/access-log/row-rules';
import { apiSchema, requirementsOf } from '../../hostile/api-schema';

// Every disclosure must name its subject, on every path, not only under the entry points. Walked from
// the API schema: from each root field, every path to a type whose objects belong to a subject (any
// type reachable from LegalPerson or NaturalPerson), and there every field that discloses something
// (a scope, policy or authentication on it or its type, or a row rule of row-rules.ts). Each must have
// a subject on its path: the object itself names one (its key, or its `subject`), or an object above it
// does. A type added without one, or a new way to reach a record, fails here before it ships unlogged.

/** Data reachable from a subject that is not about any one subject: the measure catalogue is the same for all. */
const NOT_ABOUT_A_SUBJECT = new Set(['Measure']);

const possible = (t: GraphQLNamedType): readonly GraphQLObjectType[] => (isAbstractType(t) ? apiSchema.getPossibleTypes(t) : isObjectType(t) ? [t] : []);
const children = (t: GraphQLObjectType) => Object.values(t.getFields()).map((f) => ({ field: f, named: getNamedType(f.type) }));

/** Types whose objects belong to a subject: the subject types and everything reachable from their fields. */
function subjectData(): Set<string> {
  const out = new Set<string>();
  const visit = (t: GraphQLObjectType) => {
    if (out.has(t.name)) return;
    out.add(t.name);
    for (const { named } of children(t)) possible(named).forEach(visit);
  };
  for (const name of Object.keys(SUBJECT_TYPES)) visit(apiSchema.getType(name) as GraphQLObjectType);
  for (const name of NOT_ABOUT_A_SUBJECT) out.delete(name);
  return out;
}

interface Finding { at: string; path: string }

/** Depth-first over (type, subject known?) pairs from the roots; a pair is walked once, by its first path. */
function walkApi(): { unattributed: Finding[]; paths: Map<string, string[]> } {
  const data = subjectData();
  const seen = new Set<string>();
  const unattributed: Finding[] = [];
  const paths = new Map<string, string[]>();
  const walk = (type: GraphQLObjectType, known: boolean, path: string) => {
    paths.set(type.name, [...(paths.get(type.name) ?? []), path]);
    const key = `${type.name}:${known}`;
    if (seen.has(key)) return;
    seen.add(key);
    const about = data.has(type.name);
    if (about && !known && ROW_RULES.some((r) => r.type === type.name)) unattributed.push({ at: `${type.name} (row rule)`, path });
    for (const { field, named } of children(type)) {
      const targets = possible(named);
      // A guarded object-valued field discloses for the child's own subject when every child names one.
      const childNames = targets.length > 0 && targets.every((t) => subjectSource(apiSchema, t));
      if (about && !known && !childNames && requirementsOf(type.name, field).length) unattributed.push({ at: `${type.name}.${field.name}`, path });
      for (const t of targets) walk(t, known || subjectSource(apiSchema, t) !== null, `${path}.${field.name}`);
    }
  };
  for (const root of [apiSchema.getQueryType()!, apiSchema.getMutationType()!]) {
    for (const { field, named } of children(root)) for (const t of possible(named)) walk(t, subjectSource(apiSchema, t) !== null, `${root.name}.${field.name}`);
  }
  return { unattributed, paths };
}

const { unattributed, paths } = walkApi();

test('every field that discloses data about a subject has that subject on every path from a root field', () => {
  expect(unattributed).toEqual([]);
});

test('the walk reaches credit records outside their subject: an association\'s report, the double-publicity report', () => {
  const toRecords = paths.get('CreditRecord') ?? [];
  expect(toRecords).toEqual(expect.arrayContaining(['Query.associationReport.appliedMeasures', 'Query.doublePublicityReport.missed.record']));
  // There no subject is above the record: it names its own.
  expect(subjectSource(apiSchema, apiSchema.getType('CreditRecord')!)).toBe('subject');
});

test('each type a row rule names is attributable by itself, so its row probe always has a subject', () => {
  for (const rule of ROW_RULES) expect([rule.type, subjectSource(apiSchema, apiSchema.getType(rule.type)!)]).toEqual([rule.type, expect.anything()]);
});
