import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import { makeResidentId, makeUscc } from '../../subgraphs/kit/protocol/codes';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { startStack, type Stack } from '../support/stack';

// The registries through the gateway on MariaDB (000 item 27): a legal representative change keeps the
// history, and a record's linkage follows the representative in office on its day (001 Art. 28).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_registry');
});
afterAll(() => stack.stop());

const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const uscc = makeUscc('9', '1', '310106', 'RG000001');
const [first, second, principal] = [makeResidentId('310106', '19700101', '011'), makeResidentId('310106', '19800202', '021'), makeResidentId('310106', '19900303', '031')];
const idOf = (n: string) => naturalPersonId(stack.keys.subjectKey, n);
const record = (id: string, decidedOn: string) => ({
  subjectType: 'LEGAL_PERSON', subjectId: uscc, category: 'SUPERVISION', sourceDepartment: DEMO_ORGS.department.name, title: '行政处罚决定', content: '罚款',
  decidedOn, public: false, dishonest: true, provider: DEMO_ORGS.department.org, providerRecordId: id, item: 'LP-SUPERVISION',
});
const COMPANY = `query($u: USCC!) { legalPerson(uscc: $u) { name status legalRepresentative { id } legalRepresentativeHistory { person { id } from to }
  creditRecords(first: 10) { edges { node { id providerRecordId linkedPersons { role person { id } } } } } } }`;

test('a representative change keeps the history, and each record links the representative of its day', async () => {
  const registered = await stack.query(`mutation($i: RegisterLegalPersonInput!) { registerLegalPerson(input: $i) { uscc } }`, {
    variables: { i: { uscc, name: '上海登记测试有限公司', organizationType: 'ENTERPRISE', registrationAuthority: '静安区市场监督管理局', adminDivision: '310106', establishedOn: '2020-01-01', legalRepresentative: { idNumber: first, name: '李一' } } }, ...admin,
  });
  expect(registered.errors).toBeUndefined();
  const sent = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { created } }`, { variables: { r: [record('rg-2025', '2025-05-01'), record('rg-2026', '2026-08-01')] }, ...admin });
  expect(sent.data.submitCreditRecords.created).toBe(2);
  const changed = await stack.query(`mutation($u: USCC!, $i: UpdateLegalPersonInput!) { updateLegalPerson(uscc: $u, input: $i) { name } }`, {
    variables: { u: uscc, i: { name: '上海登记测试（集团）有限公司', legalRepresentative: { idNumber: second, name: '王二' }, representativeSince: '2026-07-01' } }, ...admin,
  });
  expect(changed.errors).toBeUndefined();

  const res = await stack.query(COMPANY, { variables: { u: uscc }, ...admin });
  expect(res.errors).toBeUndefined();
  const company = res.data.legalPerson;
  expect(company).toMatchObject({ name: '上海登记测试（集团）有限公司', legalRepresentative: { id: idOf(second) } });
  expect(company.legalRepresentativeHistory).toEqual([{ person: { id: idOf(second) }, from: '2026-07-01', to: null }, { person: { id: idOf(first) }, from: '2020-01-01', to: '2026-07-01' }]);
  const linked = Object.fromEntries(company.creditRecords.edges.map((e: any) => [e.node.providerRecordId, e.node.linkedPersons]));
  expect(linked['rg-2025']).toEqual([{ role: 'LEGAL_REPRESENTATIVE', person: { id: idOf(first) } }]);
  expect(linked['rg-2026']).toEqual([{ role: 'LEGAL_REPRESENTATIVE', person: { id: idOf(second) } }]);

  // The provider links a principal to its record (001 Art. 28; Minhang 三(五)).
  const recordId = company.creditRecords.edges.find((e: any) => e.node.providerRecordId === 'rg-2025').node.id;
  const link = await stack.query(`mutation($id: ID!, $p: [RecordPersonInput!]!) { linkRecordPersons(recordId: $id, persons: $p) { linkedPersons { role person { id } } } }`, {
    variables: { id: recordId, p: [{ role: 'PRINCIPAL', idNumber: principal, name: '赵三' }] }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION',
  });
  expect(link.errors).toBeUndefined();
  expect(link.data.linkRecordPersons.linkedPersons).toEqual([{ role: 'LEGAL_REPRESENTATIVE', person: { id: idOf(first) } }, { role: 'PRINCIPAL', person: { id: idOf(principal) } }]);

  // The persons named reach the population registry through the outbox.
  const nameOf = async (n: string) => (await stack.query(`query($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { name } }`, { variables: { n }, ...admin })).data?.naturalPerson?.name;
  for (let tries = 0; tries < 100 && (await nameOf(principal)) !== '赵三'; tries++) await new Promise((r) => setTimeout(r, 200));
  expect([await nameOf(first), await nameOf(second), await nameOf(principal)]).toEqual(['李一', '王二', '赵三']);
}, 60_000);

test("the lists' linkage follows the representative on each entry's decision day, not today's (001 Art. 28)", async () => {
  // The representative changed on 2026-07-01 (first test): one BLACK entry decided before, one after.
  const LIST = `mutation($i: ListSubjectInput!) { listSubject(input: $i) { id status } }`;
  const black = (domain: string, decidedOn: string, noticeServedOn: string) => ({ subjectType: 'LEGAL_PERSON', subjectId: uscc, listType: 'BLACK', domain, basis: '《严重违法失信企业名单管理暂行办法》', decidedOn, noticeServedOn });
  const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
  const before = await stack.query(LIST, { variables: { i: black('market-supervision', '2026-03-02', '2026-02-20') }, ...department });
  const after = await stack.query(LIST, { variables: { i: black('food-drug', '2026-08-03', '2026-07-20') }, ...department });
  expect([before.errors, after.errors]).toEqual([undefined, undefined]);
  expect([before.data.listSubject.status, after.data.listSubject.status]).toEqual(['ACTIVE', 'ACTIVE']);

  const LINKED = `query($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { representedLegalPersons { uscc } representativeTerms { legalPerson { uscc } from to } linkedListEntries { id domain decidedOn } } }`;
  const linkedOf = async (n: string) => {
    const res = await stack.query(LINKED, { variables: { n }, ...admin });
    expect(res.errors).toBeUndefined();
    return res.data.naturalPerson;
  };
  const [former, current] = [await linkedOf(first), await linkedOf(second)];
  // The former representative represents nothing today, and is still linked to the entry of its term.
  expect(former.representedLegalPersons).toEqual([]);
  expect(former.representativeTerms).toEqual([{ legalPerson: { uscc }, from: '2020-01-01', to: '2026-07-01' }]);
  expect(former.linkedListEntries).toEqual([{ id: before.data.listSubject.id, domain: 'market-supervision', decidedOn: '2026-03-02' }]);
  expect(current.representedLegalPersons).toEqual([{ uscc }]);
  expect(current.linkedListEntries).toEqual([{ id: after.data.listSubject.id, domain: 'food-drug', decidedOn: '2026-08-03' }]);
  // The principal named on a record holds no term: no list linkage.
  expect((await linkedOf(principal)).linkedListEntries).toEqual([]);
}, 60_000);

test('registering twice is a CONFLICT; a department may not write the registry', async () => {
  const again = await stack.query(`mutation($i: RegisterLegalPersonInput!) { registerLegalPerson(input: $i) { uscc } }`, {
    variables: { i: { uscc, name: 'x', organizationType: 'ENTERPRISE', registrationAuthority: 'x', adminDivision: '310106' } }, ...admin,
  });
  expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.uscc', rule: 'ALREADY_REGISTERED' });
  const department = await stack.query(`mutation($u: USCC!) { updateLegalPerson(uscc: $u, input: { status: "REVOKED" }) { status } }`, { variables: { u: uscc }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  expect(department.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  const earlier = await stack.query(`mutation($u: USCC!, $i: UpdateLegalPersonInput!) { updateLegalPerson(uscc: $u, input: $i) { name } }`, {
    variables: { u: uscc, i: { legalRepresentative: { idNumber: first, name: '李一' }, representativeSince: '2026-01-01' } }, ...admin,
  });
  expect(earlier.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.representativeSince', rule: 'NOT_AFTER_CURRENT_TERM' });
});

const REGISTER = `mutation($i: RegisterLegalPersonInput!) { registerLegalPerson(input: $i) { uscc } }`;
const company = (u: string, extra: Record<string, unknown> = {}) => ({
  uscc: u, name: `上海登记测试${u.slice(-4)}有限公司`, organizationType: 'ENTERPRISE', registrationAuthority: '静安区市场监督管理局', adminDivision: '310106',
  establishedOn: '2020-01-01', legalRepresentative: { idNumber: first, name: '李一' }, ...extra,
});

interface Term { from: string; to: string | null }
/** At most one open term, and none overlapping the next (a term runs from `from` up to, not including, `to`). */
function overlaps(terms: Term[]): boolean {
  const sorted = [...terms].sort((a, b) => a.from.localeCompare(b.from));
  return sorted.filter((t) => t.to === null).length > 1 || sorted.some((t, i) => i > 0 && (sorted[i - 1].to === null || sorted[i - 1].to! > t.from));
}

test('two representative changes of one company at once leave one open term and no overlap (the company row is locked)', async () => {
  // Unlocked, both read the same open term: two open terms, and Art. 28 linkage in the overlap named either person.
  for (let n = 1; n <= 5; n++) {
    const u = makeUscc('9', '1', '310106', `RX00010${n}`);
    expect((await stack.query(REGISTER, { variables: { i: company(u) }, ...admin })).errors).toBeUndefined();
    const change = (idNumber: string, since: string) => stack.query(`mutation($u: USCC!, $i: UpdateLegalPersonInput!) { updateLegalPerson(uscc: $u, input: $i) { uscc } }`, {
      variables: { u, i: { legalRepresentative: { idNumber, name: '王二' }, representativeSince: since } }, ...admin,
    });
    await Promise.all([change(second, '2021-01-01'), change(principal, '2022-01-01')]);
    const history: Term[] = (await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { legalRepresentativeHistory { from to } } }`, { variables: { u }, ...admin })).data.legalPerson.legalRepresentativeHistory;
    expect({ history, overlaps: overlaps(history) }).toEqual({ history, overlaps: false });
  }
}, 60_000);

test("a representative's term does not begin before the company was established", async () => {
  const u = makeUscc('9', '1', '310106', 'RX000200');
  const early = await stack.query(REGISTER, { variables: { i: company(u, { representativeSince: '1990-01-01' }) }, ...admin });
  expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.representativeSince', rule: 'BEFORE_ESTABLISHMENT' });
  expect((await stack.query(REGISTER, { variables: { i: company(u) }, ...admin })).errors).toBeUndefined();
  const update = await stack.query(`mutation($u: USCC!, $i: UpdateLegalPersonInput!) { updateLegalPerson(uscc: $u, input: $i) { uscc } }`, {
    variables: { u, i: { legalRepresentative: { idNumber: second, name: '王二' }, representativeSince: '2019-12-31' } }, ...admin,
  });
  expect(update.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.representativeSince', rule: 'BEFORE_ESTABLISHMENT' });
});

test('a person named twice in one role by linkRecordPersons is one link, not a downstream error', async () => {
  const sent = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { results { id } } }`, { variables: { r: [record('rg-link-twice', '2026-08-01')] }, ...admin });
  const person = { role: 'DIRECTLY_RESPONSIBLE', idNumber: second, name: '王二' };
  const linked = await stack.query(`mutation($id: ID!, $p: [RecordPersonInput!]!) { linkRecordPersons(recordId: $id, persons: $p) { linkedPersons { role person { id } } } }`, {
    variables: { id: sent.data.submitCreditRecords.results[0].id, p: [person, person] }, ...admin,
  });
  expect(linked.errors).toBeUndefined();
  expect(linked.data.linkRecordPersons.linkedPersons.filter((l: { role: string }) => l.role === 'DIRECTLY_RESPONSIBLE')).toEqual([{ role: 'DIRECTLY_RESPONSIBLE', person: { id: idOf(second) } }]);
});
