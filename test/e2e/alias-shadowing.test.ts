import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, isLeafType, isNonNullType, isObjectType, Kind, parse,
  type ConstDirectiveNode, type FieldNode, type GraphQLField, type GraphQLNamedType, type GraphQLObjectType,
  type ObjectTypeDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type StringValueNode, type TypeNode,
} from 'graphql';
import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { callOf, isLeaf, ROOT } from '../support/matrix';
import { startStack, type Stack } from '../support/stack';

// A client alias that reuses another field's name must not change what the gateway sends to the
// next subgraph (@apollo/gateway builds entity representations from response keys): the cases
// reported in the security issue, each compared with the same query without the alias.
let stack: Stack;
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const court = { clientId: 'demo-court', purpose: 'JUDICIAL' };
const uscc = DEMO_SUBJECT.uscc;
let courtEntry: string;
let decoy: string;

beforeAll(async () => {
  stack = await startStack('e2e_alias');
  const list = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id } }`;
  const listing = (subjectId: string, domain: string, basis: string) => ({ input: { subjectType: 'LEGAL_PERSON', subjectId, listType: 'BLACK', domain, basis, decidedOn: '2026-06-01', noticeServedOn: '2026-05-20' } });
  courtEntry = (await stack.query(list, { variables: listing(legalPersonAt(49).uscc, 'court-enforcement', '（2026）沪0106执99号'), ...court })).data.listSubject.id;
  const feedback = `mutation($input: MeasureFeedbackInput!) { recordMeasureFeedback(input: $input) { outcome } }`;
  const input = { idempotencyKey: 'alias-court-feedback', listEntryId: courtEntry, measureId: 'P-MKT-02', outcome: 'APPLIED', businessMatter: 'private matter of the court', appliedOn: '2026-09-17' };
  const recorded = await stack.query(feedback, { variables: { input }, ...department });
  expect(recorded.errors).toBeUndefined();
  // The department's own entry whose `basis` is the court's entry id.
  decoy = legalPersonAt(54).uscc;
  expect((await stack.query(list, { variables: listing(decoy, 'market-supervision', courtEntry), ...department })).errors).toBeUndefined();
  const blackEntry = (await stack.query(`{ legalPerson(uscc: "${uscc}") { listEntries { id listType } } }`, department)).data.legalPerson.listEntries.find((e: { listType: string }) => e.listType === 'BLACK').id;
  const filed = await stack.query(`mutation($id: ID!) { fileObjection(input: { targetType: LIST_ENTRY, targetId: $id, reason: "the basis was annulled" }) { id } }`, { variables: { id: blackEntry }, clientId: 'demo-subject', purpose: 'SELF_QUERY' });
  expect(filed.errors).toBeUndefined();
  // A BLACK entry may be repaired once a year from its decision has passed (credit-periods.yaml repair.listEntries).
  process.env.CREDIT_TODAY = '2027-06-01';
  try {
    const applied = await stack.query(`mutation($id: ID!) { applyForRepair(input: { listEntryId: $id, evidence: [PUBLIC_CREDIT_COMMITMENT] }) { id } }`, { variables: { id: blackEntry }, clientId: 'demo-subject', purpose: 'SELF_QUERY' });
    expect(applied.errors).toBeUndefined();
  } finally {
    delete process.env.CREDIT_TODAY;
  }
});
afterAll(() => stack.stop());

test("an alias `id: basis` does not read another department's entry's feedback", async () => {
  const q = (alias: string) => `{ legalPerson(uscc: "${decoy}") { applicableMeasures(purpose: DAILY_SUPERVISION) { listEntry { ${alias} measureFeedback { implementerOrg businessMatter } } } } }`;
  const res = await stack.query(q('id: basis'), department);
  expect(res.errors).toBeUndefined();
  const entries = res.data.legalPerson.applicableMeasures.map((m: { listEntry: unknown }) => m.listEntry);
  expect(entries.length).toBeGreaterThan(0);
  expect(entries).toContainEqual({ id: courtEntry, measureFeedback: [] });
  expect(JSON.stringify(res.data)).not.toContain('private matter');
});

// The last column is what the plain answer holds, so the comparison is not between two empty answers.
test.each([
  ['the list entries of a legal person read by its name', `legalPerson(uscc: "${uscc}") { %s listEntries { id } }`, 'uscc: name', /"listEntries":\[\{"id"/],
  ['suspended flipped through the jurisdiction', `legalPerson(uscc: "${uscc}") { listEntries { %s punishmentSuspension { suspended } } }`, 'jurisdiction: basis', /"suspended":true/],
  ['objections lost through a union', `legalPerson(uscc: "${uscc}") { listEntries { subject { ... on LegalPerson { %s objections { id } } } } }`, 'uscc: name', /"objections":\[\{"id"/],
])('%s: the other fields are unchanged', async (_name, template, alias, holds) => {
  const plain = await stack.query(`{ ${template.replace('%s', '')} }`, court);
  const shadowed = await stack.query(`{ ${template.replace('%s', alias)} }`, court);
  expect(plain.errors).toBeUndefined();
  expect(shadowed.errors).toBeUndefined();
  const [key] = alias.split(':');
  expect(JSON.parse(JSON.stringify(shadowed.data, (k, v) => (k === key ? undefined : v)))).toEqual(plain.data);
  expect(JSON.stringify(plain.data)).toMatch(holds);
});

// Generated from schema/supergraph.graphql: every name the planner puts into an entity
// representation (@join__type(key:), @join__field(requires:), nested ones too), per entity type.
function representationNames(): Map<string, Set<string>> {
  const doc = parse(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
  const objects = doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
  const fieldType = (type: string, field: string) => getNamedTypeNode(objects.find((o) => o.name.value === type)?.fields?.find((f) => f.name.value === field)?.type);
  const names = new Map<string, Set<string>>();
  const stringArg = (d: ConstDirectiveNode, arg: string) => d.arguments?.find((a) => a.name.value === arg)?.value;
  const add = (type: string, fieldSet: string) => {
    const walk = (parent: string, set: SelectionSetNode) => {
      for (const sel of set.selections) {
        if (sel.kind !== Kind.FIELD) continue;
        if (!names.has(parent)) names.set(parent, new Set());
        names.get(parent)!.add(sel.name.value);
        if (sel.selectionSet) walk(fieldType(parent, sel.name.value)!, sel.selectionSet);
      }
    };
    walk(type, (parse(`{ ${fieldSet} }`).definitions[0] as OperationDefinitionNode).selectionSet);
  };
  for (const o of objects) {
    for (const d of o.directives ?? []) if (d.name.value === 'join__type' && stringArg(d, 'key')?.kind === Kind.STRING) add(o.name.value, (stringArg(d, 'key') as StringValueNode).value);
    for (const f of o.fields ?? []) for (const d of f.directives ?? []) if (d.name.value === 'join__field' && stringArg(d, 'requires')?.kind === Kind.STRING) add(o.name.value, (stringArg(d, 'requires') as StringValueNode).value);
  }
  const entities = new Set(objects.filter((o) => o.directives?.some((d) => d.name.value === 'join__type' && stringArg(d, 'key'))).map((o) => o.name.value));
  return new Map([...names].filter(([type]) => entities.has(type)));
}

function getNamedTypeNode(type: TypeNode | undefined): string | undefined {
  return !type ? undefined : type.kind === Kind.NAMED_TYPE ? type.name.value : getNamedTypeNode(type.type);
}

/** How to reach demo objects of each entity type (a new entity type fails the test until it has a route). */
const ROUTES: Record<string, string[]> = {
  LegalPerson: [`legalPerson(uscc: "${uscc}")`],
  NaturalPerson: [`legalPerson(uscc: "${uscc}")`, 'legalRepresentative'],
  ListEntry: [`legalPerson(uscc: "${uscc}")`, 'listEntries'],
  Measure: [`legalPerson(uscc: "${uscc}")`, 'applicableMeasures(purpose: DAILY_SUPERVISION)', 'measure'],
  Objection: [`legalPerson(uscc: "${uscc}")`, 'objections'],
  RepairApplication: [`legalPerson(uscc: "${uscc}")`, 'repairApplications'],
  CreditRecord: [`legalPerson(uscc: "${uscc}")`, 'creditRecords', 'edges', 'node'],
  PlatformReport: [`platformReport(year: ${new Date().getUTCFullYear()})`],
  AssociationReport: [`associationReport(year: ${new Date().getUTCFullYear()}, association: "${DEMO_ORGS.association.org}")`],
};
/** Fields whose value changes between two identical queries (each query is written to the access log and counted; each report has its own id and time). */
const VOLATILE = new Set(['accessLog', 'creditReport', 'queriesByPurpose', 'queriesByClientKind', 'queriesByOrg', 'queriesByMonth', 'queriesByMember']);
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };

test('for every entity type, an alias shadowing any key or @requires field leaves every other field unchanged', async () => {
  const schema = buildClientSchema((await stack.query(getIntrospectionQuery(), admin)).data);
  const leaves = (type: GraphQLNamedType) => (isObjectType(type) ? Object.values(type.getFields()).filter((f) => isLeaf(f) && !f.args.some((a) => isNonNullType(a.type))) : []);
  const selectionOf = (f: GraphQLField<unknown, unknown>) => (isLeaf(f) ? callOf(f) : `${callOf(f)} { __typename ${leaves(getNamedType(f.type)).map((l) => l.name).join(' ')} }`);
  // `name: other` where other is a different field, of the same type if there is one; composite ones recursively.
  const shadow = (type: GraphQLObjectType, name: string, sub?: SelectionSetNode): string => {
    const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined));
    const mine = type.getFields()[name];
    const rank = (f: GraphQLField<unknown, unknown>) => (f.name === name ? 2 : mine && getNamedType(f.type) === getNamedType(mine.type) ? 0 : 1);
    const candidates = fields.filter((f) => (sub ? !isLeaf(f) && (!mine || getNamedType(f.type) === getNamedType(mine.type)) : isLeaf(f) && f.name !== name)).sort((a, b) => rank(a) - rank(b));
    const other = candidates[0];
    if (!other) throw new Error(`no field of ${type.name} can shadow ${name}`);
    if (!sub) return `${name}: ${other.name}`;
    const inner = getNamedType(other.type) as GraphQLObjectType;
    return `${name}: ${callOf(other)} { ${sub.selections.map((s) => (s.kind === Kind.FIELD ? shadow(inner, s.name.value, s.selectionSet) : '')).join(' ')} }`;
  };
  const requiredSelection = (type: string, name: string) => {
    const sdl = readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    const requires = [...sdl.matchAll(/requires: "([^"]+)"/g)].map((m) => (parse(`{ ${m[1]} }`).definitions[0] as OperationDefinitionNode).selectionSet);
    return requires.flatMap((set) => set.selections).find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name && !!s.selectionSet)?.selectionSet;
  };
  const objectsAt = (data: unknown, keys: string[]): Record<string, unknown>[] => {
    if (Array.isArray(data)) return data.flatMap((d) => objectsAt(d, keys));
    if (!keys.length) return data ? [data as Record<string, unknown>] : [];
    return objectsAt((data as Record<string, unknown> | null)?.[keys[0]], keys.slice(1));
  };
  const errorsOf = (res: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] }, skip: string) =>
    (res.errors ?? []).filter((e) => !e.path?.includes(skip)).map((e) => `${String(e.extensions?.code)} ${e.path?.join('.')}`).sort();

  const cases = [...representationNames()].flatMap(([type, names]) => [...names].map((name) => ({ type, name })));
  expect(cases.length).toBeGreaterThan(10);
  const mismatches: string[] = [];
  for (const { type, name } of cases) {
    const route = ROUTES[type];
    if (!route) throw new Error(`add a route to entity type ${type}`);
    const object = schema.getType(type) as GraphQLObjectType;
    const fields = Object.values(object.getFields()).filter((f) => !VOLATILE.has(f.name) && !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined && !isLeafType(getNamedType(a.type))));
    const query = (selection: string) => route.reduceRight((inner, step) => `${step} { ${inner} }`, selection);
    const others = fields.filter((f) => f.name !== name);
    const plain = await stack.query(`{ ${query(fields.map(selectionOf).join(' '))} }`, admin);
    const shadowing = shadow(object, name, requiredSelection(type, name));
    const shadowed = await stack.query(`{ ${query(`${others.map(selectionOf).join(' ')} ${shadowing}`)} }`, admin);
    const keys = route.map((s) => s.replace(/\(.*/, ''));
    const before = objectsAt(plain.data, keys);
    const after = objectsAt(shadowed.data, keys);
    expect(before.length).toBeGreaterThan(0);
    const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== name));
    if (JSON.stringify(after.map(drop)) !== JSON.stringify(before.map(drop).map((o) => Object.fromEntries(others.map((f) => [f.name, o[f.name]]))))
      || JSON.stringify(errorsOf(shadowed, name)) !== JSON.stringify(errorsOf(plain, name))) {
      mismatches.push(`${type}.${name} shadowed by "${shadowing}": ${JSON.stringify(shadowed.errors?.map((e) => e.message) ?? after.map(drop)).slice(0, 400)}`);
    }
  }
  expect(mismatches).toEqual([]);
});
