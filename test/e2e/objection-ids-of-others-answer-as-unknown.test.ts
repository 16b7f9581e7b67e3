import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type FieldDefinitionNode, type InputValueDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { DEMO_SUBJECT, legalPersonAt, recordsForLegalPerson } from '../../subgraphs/kit/demo/demo-data';
import { recordId } from '../../subgraphs/kit/credit-records/record-id';
import { demoObjections } from '../../subgraphs/objections/seed';
import { startStack, type Stack } from '../support/stack';

// For a SUBJECT caller an objection, repair application, credit record or list entry that is not its
// own is answered exactly as an id nobody holds: same HTTP status, data, codes, rules and messages (the
// id aside), nothing written. Otherwise an id would tell a subject what exists about others (seeded
// record ids are computable from the provider key). Every Query and Mutation field of the objections
// subgraph that takes such an id is found in its SDL and tried, so a new one is covered (or fails here
// until its id is classified).
let stack: Stack;
const self = { clientId: 'demo-subject', purpose: 'SELF_QUERY' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };

type Target = 'Objection' | 'RepairApplication' | 'CreditRecord' | 'ListEntry';
/** Ids of things not the demo subject's, each checked to exist in beforeAll. */
const others: Record<Target, { what: string; id: string }[]> = { Objection: [], RepairApplication: [], CreditRecord: [], ListEntry: [] };

const sdl = parse(readFileSync(join(__dirname, '../../schema/objections.graphql'), 'utf8'));
const types = new Map(sdl.definitions.flatMap((d) => ('name' in d && d.name ? [[d.name.value, d] as const] : [])));
const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));

/** What an ID argument or input field names; `subject` ids (a USCC, a person) are not a target. */
function kindsOf(slot: string, field: FieldDefinitionNode): (Target | 'subject')[] {
  if (slot === 'id') return [named(field.type) as Target];
  if (slot === 'listEntryId') return ['ListEntry'];
  if (slot === 'creditRecordId') return ['CreditRecord'];
  if (slot === 'subjectId') return ['subject'];
  if (slot === 'targetId') return (types.get('ObjectionTarget') as any).values.map((v: any) => (v.name.value === 'CREDIT_RECORD' ? 'CreditRecord' : 'ListEntry'));
  throw new Error(`${field.name.value}: id argument ${slot} is not classified; say here what it names`);
}

/** A literal for a required argument; the id under test is $id, enums their first value unless `set`. */
function literal(t: TypeNode, set: Record<string, string>, slot: string | null): string {
  if (t.kind === Kind.NON_NULL_TYPE) return literal(t.type, set, slot);
  if (t.kind === Kind.LIST_TYPE) return `[${literal(t.type, set, slot)}]`;
  const def = types.get(t.name.value) as any;
  if (t.name.value === 'String') return '"x"';
  if (t.name.value === 'Boolean') return 'true';
  if (def?.kind === Kind.ENUM_TYPE_DEFINITION) return def.values[0].name.value;
  if (def?.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
    const fields = (def.fields as InputValueDefinitionNode[]).filter((f) => f.name.value === slot || f.type.kind === Kind.NON_NULL_TYPE);
    return `{ ${fields.map((f) => `${f.name.value}: ${f.name.value === slot ? '$id' : (set[f.name.value] ?? literal(f.type, set, null))}`).join(', ')} }`;
  }
  throw new Error(`no literal for ${t.name.value}`);
}

interface Case { op: string; field: string; slot: string; kind: Target; document: string }

/** Every (field, id argument, kind) of Query and Mutation, with an operation that sends $id there. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const op of ['Query', 'Mutation']) {
    for (const field of (types.get(op) as ObjectTypeDefinitionNode).fields ?? []) {
      const args = field.arguments ?? [];
      const slots = args.flatMap((a) => {
        const def = types.get(named(a.type)) as any;
        if (named(a.type) === 'ID') return [{ arg: a, slot: a.name.value }];
        if (def?.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) return [];
        return (def.fields as InputValueDefinitionNode[]).filter((f) => named(f.type) === 'ID').map((f) => ({ arg: a, slot: f.name.value }));
      });
      for (const { arg, slot } of slots) {
        for (const kind of kindsOf(slot, field)) {
          if (kind === 'subject') continue;
          const set: Record<string, string> = slot === 'targetId' ? { targetType: kind === 'CreditRecord' ? 'CREDIT_RECORD' : 'LIST_ENTRY' } : {};
          const argText = args
            .filter((a) => a === arg || a.type.kind === Kind.NON_NULL_TYPE)
            .map((a) => `${a.name.value}: ${a === arg && a.name.value === slot ? '$id' : literal(a.type, set, a === arg ? slot : null)}`);
          const document = `${op === 'Query' ? 'query' : 'mutation'}($id: ID!) { ${field.name.value}(${argText.join(', ')}) { id } }`;
          out.push({ op, field: field.name.value, slot, kind, document });
        }
      }
    }
  }
  return out;
}

const all = cases();
const normalised = (res: { status: number; data?: unknown; errors?: unknown }, id: string) =>
  JSON.parse(JSON.stringify({ status: res.status, data: res.data ?? null, errors: res.errors ?? [] }).split(id).join('<id>'));
const count = async (table: string) => Number((await stack.subgraphs.objections.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

beforeAll(async () => {
  stack = await startStack('e2e_objection_ids_of_others');
  const seeded = demoObjections(stack.keys);
  // Seeded rows of companies 41…, never the demo subject's (CONTRACT.md: it has no objection yet).
  const objection = seeded.objections.find((o) => o.subjectType === 'LEGAL_PERSON' && o.targetType === 'LIST_ENTRY')!;
  const repair = seeded.repairs.find((r) => r.subjectType === 'LEGAL_PERSON')!;
  others.Objection.push({ what: "another company's objection", id: objection.id });
  others.RepairApplication.push({ what: "another company's repair application", id: repair.id });
  // Other companies' records, ids computed from the provider key as any caller could.
  const records = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((i) => recordsForLegalPerson(i, legalPersonAt(i)));
  for (const r of [records.find((x) => !x.public)!, records.find((x) => x.public)!]) {
    others.CreditRecord.push({ what: `another company's ${r.public ? 'public' : 'non-public'} record`, id: recordId(r.provider, r.providerRecordId) });
  }
  // A published entry of the objection's company, and an unpublished one of company 49.
  const listed = await stack.query(`mutation($u: ID!) { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: $u, listType: KEY_ATTENTION, domain: "market-supervision", basis: "内部研判", decidedOn: "2026-06-01", published: false }) { id } }`, {
    variables: { u: legalPersonAt(49).uscc }, ...department,
  });
  others.ListEntry.push({ what: "another company's published entry", id: objection.targetId }, { what: "another company's unpublished entry", id: listed.data.listSubject.id });

  // The platform sees each of them, and none is the demo subject's.
  const subject = 'subject { ... on LegalPerson { uscc } }';
  for (const [kind, read] of [['Objection', `objection(id: $id) { ${subject} }`], ['RepairApplication', `repairApplication(id: $id) { ${subject} }`], ['ListEntry', `listEntry(id: $id) { ${subject} }`]] as const) {
    for (const { id } of others[kind]) {
      const res = await stack.query(`query($id: ID!) { value: ${read} }`, { variables: { id }, ...admin });
      expect(res.data.value.subject.uscc).not.toBe(DEMO_SUBJECT.uscc);
    }
  }
  const seen = await stack.query('query($u: [USCC!]!) { legalPersons(usccs: $u) { creditRecords(first: 100) { edges { node { id } } } } }', {
    variables: { u: [...new Set(records.map((r) => r.subjectKey))] }, ...admin,
  });
  const ids = seen.data.legalPersons.flatMap((p: any) => p.creditRecords.edges.map((e: { node: { id: string } }) => e.node.id));
  for (const { id } of others.CreditRecord) expect(ids).toContain(id);
}, 180_000);
afterAll(() => stack.stop());

test('the SDL walk finds every field that takes an objection, repair, record or entry id', () => {
  expect(all.map((c) => `${c.field}.${c.slot}:${c.kind}`).sort()).toEqual(
    expect.arrayContaining([
      'objection.id:Objection', 'repairApplication.id:RepairApplication', 'decideObjection.id:Objection', 'forwardObjection.id:Objection',
      'reassignObjection.id:Objection', 'decideRepair.id:RepairApplication', 'fileObjection.targetId:CreditRecord', 'fileObjection.targetId:ListEntry',
      'applyForRepair.listEntryId:ListEntry', 'applyForRepair.creditRecordId:CreditRecord',
    ]),
  );
});

test.each(all.map((c) => [`${c.field}(${c.slot}: ${c.kind})`, c] as const))('%s: as demo-subject, what is not its own answers as an unknown id', async (_, c) => {
  const before = [await count('objection'), await count('repair_application')];
  for (const { what, id } of others[c.kind]) {
    const known = await stack.query(c.document, { variables: { id }, ...self });
    const unknownId = randomUUID();
    const unknown = await stack.query(c.document, { variables: { id: unknownId }, ...self });
    expect({ what, ...normalised(known, id) }).toEqual({ what, ...normalised(unknown, unknownId) });
  }
  expect([await count('objection'), await count('repair_application')]).toEqual(before);
});

test('officials keep their answers: the platform reads any objection, a department naming the wrong subject is FORBIDDEN', async () => {
  const read = await stack.query('query($id: ID!) { objection(id: $id) { id } }', { variables: { id: others.Objection[0].id }, ...admin });
  expect(read.data.objection).toEqual({ id: others.Objection[0].id });
  const wrong = await stack.query(`mutation($id: ID!, $u: ID!) { fileObjection(input: { targetType: CREDIT_RECORD, targetId: $id, reason: "x", subjectType: LEGAL_PERSON, subjectId: $u }) { id } }`, {
    variables: { id: others.CreditRecord[0].id, u: DEMO_SUBJECT.uscc }, ...department,
  });
  expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.targetId', rule: 'NOT_THE_RECORD_SUBJECT' });
});
