import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { DEMO_ORGS, legalPersonAt, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { today } from '../../subgraphs/kit/calendar/clock';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { readSupergraphRequirements } from '../support/matrix';
import { parentsAt, rowProbes, selection, type RowProbe } from '../support/row-probes';
import { startStack, type Stack } from '../support/stack';

// The row rule on every field (000 item 18: an association reads its members only; 001 Art. 15, 29: a
// subject reads itself only), generated from the supergraph and its authorization directives: every
// non-public field of every type reachable from a subject's list entry, in every subgraph, reached the
// way the attack goes (listEntries(filter: { subjectId })). The platform (control) reads each of them;
// an association non-member and another subject get no value: null with FORBIDDEN or
// UNAUTHORIZED_FIELD_OR_TYPE at or above the field, or no row.
let stack: Stack;
let schema: GraphQLSchema;
let probes: RowProbe[];
const reqs = readSupergraphRequirements();
const company = legalPersonAt(44).uscc; // not a member of demo-association, not the demo subject
let person: string; // natural person 3: a court BLACK entry in the demo data

const admin = { clientId: 'demo-admin', purpose: 'ADMINISTRATIVE_APPROVAL' };
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const attackers = [{ clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' }, { clientId: 'demo-subject', purpose: 'SELF_QUERY' }];
const REFUSALS = new Set(['FORBIDDEN', 'UNAUTHORIZED_FIELD_OR_TYPE']);

async function ok(query: string, variables: Record<string, unknown>, caller: { clientId: string; purpose: string }) {
  const res = await stack.query(query, { variables, ...caller });
  expect(res.errors).toBeUndefined();
  return res.data;
}

beforeAll(async () => {
  stack = await startStack('e2e_rows');
  schema = buildClientSchema((await stack.query(getIntrospectionQuery(), { clientId: 'demo-admin' })).data);
  probes = rowProbes(schema, reqs, 'ListEntry');
  person = naturalPersonId(stack.keys.subjectKey, naturalPersonAt(3).idNumber);
  // The company's entry with every kind of non-public data: history, notice, feedback, an objection, a repair application.
  const listed = await ok(`mutation($i: ListSubjectInput!) { listSubject(input: $i) { id } }`, {
    i: { subjectType: 'LEGAL_PERSON', subjectId: company, listType: 'BLACK', domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: '2026-06-01', noticeServedOn: '2026-05-20' },
  }, department);
  const entry = listed.listSubject.id;
  // A public decision on display: reached on the public route, its linkage (CreditRecord.linkedPersons) is not public.
  await ok(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { created } }`, {
    r: [{
      subjectType: 'LEGAL_PERSON', subjectId: company, category: 'QUALIFICATION', sourceDepartment: '静安区市场监督管理局', title: '经营许可证核发', content: '核发经营许可证',
      decidedOn: today(), publishedOn: today(), public: true, dishonest: false, decisionKind: 'LICENSING', provider: DEMO_ORGS.department.org, providerRecordId: 'rows-public-decision', item: 'LP-QUALIFICATION',
    }],
  }, admin);
  await ok(`mutation($i: MeasureFeedbackInput!) { recordMeasureFeedback(input: $i) { id } }`, {
    i: { idempotencyKey: 'rows-1', listEntryId: entry, measureId: 'P-ADM-10', outcome: 'APPLIED', businessMatter: '政府采购项目 JA-2026-031', appliedOn: '2026-06-20' },
  }, admin);
  const filed = await ok(`mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id } }`, { i: { targetType: 'LIST_ENTRY', targetId: entry, reason: '处罚决定已撤销' } }, department);
  // Forwarded by the platform, so the objection has a step (ObjectionStep) to probe.
  await ok(`mutation($id: ID!) { forwardObjection(id: $id) { id } }`, { id: filed.fileObjection.id }, admin);
  // A public penalty decision of the company, corrected once by its provider: a CreditRecord reached on a
  // public route (publicDecisions) whose non-public field (changes) holds a CreditRecordChange.
  const decidedOn = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const decision = (content: string) => ({
    subjectType: 'LEGAL_PERSON', subjectId: company, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定书', content,
    decisionNumber: '静市监罚〔2026〕301号', decidedOn, public: true, dishonest: false, decisionKind: 'PENALTY', penaltyTier: 'GENERAL',
    provider: DEMO_ORGS.department.org, providerRecordId: 'rows-penalty-1', item: 'LP-SUPERVISION', publishedOn: decidedOn,
  });
  for (const content of ['未按规定公示年度报告', '未按规定公示 2025 年度报告']) {
    await ok(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted } }`, { r: [decision(content)] }, department);
  }
  // A BLACK entry may be repaired once a year from its decision has passed (credit-periods.yaml repair.listEntries).
  process.env.CREDIT_TODAY = '2027-06-01';
  try {
    await ok(`mutation($i: RepairApplicationInput!) { applyForRepair(input: $i) { id } }`, {
      i: { listEntryId: entry, evidence: ['PUBLIC_CREDIT_COMMITMENT'], subjectType: 'LEGAL_PERSON', subjectId: company },
    }, admin);
  } finally {
    delete process.env.CREDIT_TODAY;
  }
});
afterAll(() => stack.stop());

const operation = (probe: RowProbe, subjectId: string) => `query($s: ID!) { listEntries(filter: { subjectId: $s }, first: 10) { edges { node { ${selection(probe)} } } } }`;
const bare = (path: readonly (string | number)[]) => path.filter((p) => typeof p === 'string').join('.');

/** For each probed field of each object of the probe's type: its value, and whether an error sits at or above it. */
async function answers(probe: RowProbe, subjectId: string, caller: { clientId: string; purpose: string }) {
  const res = await stack.query(operation(probe, subjectId), { variables: { s: subjectId }, ...caller });
  const errors = res.errors ?? [];
  const nodes: unknown[] = (res.data?.listEntries?.edges ?? []).map((e: { node: unknown }) => e.node);
  const found = nodes.flatMap((node, i) => parentsAt(node, probe.route, ['listEntries', 'edges', i, 'node']));
  return {
    errors,
    fields: found.flatMap((parent) => probe.fields.map((f) => {
      const path = bare([...parent.path, f.name]);
      return { at: `${probe.type}.${f.name}`, value: (parent.value as Record<string, unknown>)[f.name], refused: errors.some((e) => !!e.path?.length && `${path}.`.startsWith(`${bare(e.path)}.`)) };
    })),
  };
}

test('the probes reach every subgraph that adds non-public fields to a subject\'s rows', () => {
  const types = probes.map((p) => p.type);
  for (const t of ['ListEntry', 'ListEntryEvent', 'MeasureFeedback', 'PunishmentSuspension', 'Objection', 'RepairApplication', 'LegalPerson', 'NaturalPerson', 'CreditRecord', 'CreditRecordChange', 'ApplicableMeasure']) expect(types).toContain(t);
  expect(probes.flatMap((p) => p.fields).length).toBeGreaterThan(80);
});

test('an association non-member and another subject get no value from any non-public field of a subject', async () => {
  const wrong: string[] = [];
  for (const probe of probes) {
    let controlSaw = 0;
    for (const victim of [company, person]) {
      const control = await answers(probe, victim, admin);
      controlSaw += control.fields.length;
      for (const f of control.fields.filter((x) => x.refused)) wrong.push(`${f.at}: refused to the platform (${JSON.stringify(control.errors.map((e) => e.message))})`);
      for (const attacker of attackers) {
        const seen = await answers(probe, victim, attacker);
        for (const e of seen.errors.filter((x) => !REFUSALS.has(x.extensions?.code))) wrong.push(`${probe.type} for ${attacker.clientId}: ${e.extensions?.code} ${e.message}`);
        for (const f of seen.fields) {
          if (f.value !== null && f.value !== undefined) wrong.push(`${f.at} of ${victim} readable by ${attacker.clientId}: ${JSON.stringify(f.value)}`);
          else if (!f.refused) wrong.push(`${f.at} of ${victim} null for ${attacker.clientId} without FORBIDDEN at its path`);
        }
      }
    }
    if (controlSaw === 0) wrong.push(`${probe.type}: the platform reached none (the probe proves nothing)`);
  }
  expect(wrong).toEqual([]);
});
