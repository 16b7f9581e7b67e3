import { today } from '../../subgraphs/kit/calendar/clock';
import { addYears } from '../../subgraphs/kit/calendar/dates';
import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// The association half of the joint reward/punishment loop (000 items 4, 18; 001 Art. 22) and graded
// supervision (003 items 7–9), on MariaDB, calling the subgraph the way the gateway does.
let keys: KeyFiles;
let sub: RunningSubgraph;
const ORG = DEMO_ORGS.association.org;
const ASSOCIATION = testCaller({ clientId: 'demo-association', kind: 'ASSOCIATION', org: ORG, purpose: 'INDUSTRY_SELF_REGULATION', scopes: ['records:read'] });
const call = (query: string, variables?: Record<string, unknown>, caller = ASSOCIATION) => callSubgraph(sub.url, 'legal-persons', keys, query, variables, caller);

beforeAll(async () => {
  keys = await testKeys();
  sub = await startSubgraph(legalPersons, { port: 0, keys, mysqlUrl: await freshDatabase('legal_persons_loop') });
});
afterAll(() => sub.stop());

const RECORD = 'id category title content dishonest public decisionKind decisionNumber decidedOn provider providerRecordId sourceDepartment';
const APPLY = `mutation($input: IndustryMeasureInput!) { applyIndustryMeasure(input: $input) { ${RECORD} } }`;
const RECOMMEND = `mutation($input: RedListRecommendationInput!) { recommendForRedList(input: $input) { ${RECORD} } }`;
const TODAY = today();
const measure = (uscc: string, idempotencyKey: string, over: Record<string, unknown> = {}) => ({
  input: { idempotencyKey, uscc, measure: 'PUBLIC_CENSURE', reason: '组团社虚假宣传，扰乱行业秩序', decidedOn: TODAY, decisionNumber: '沪旅协〔2026〕7号', ...over },
});
const ofAssociation = async () => Number((await sub.db.query('SELECT COUNT(*) AS n FROM credit_record WHERE provider = ?', [ORG]))[0].n);

const GRADE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { uscc supervisionGrade { grade reasons inspectionFrequencyFactor } } } }`;
const rep = (uscc: string, ...types: string[]) => ({
  __typename: 'LegalPerson', uscc, activeListEntries: types.map((listType) => ({ __typename: 'ListEntry', id: `${uscc}-${listType}`, listType, domain: 'market-supervision' })),
});
const admin = testCaller({ scopes: ['records:read'] });
const dishonestCounts = async (usccs: string[]): Promise<number[]> => {
  const res = await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { dishonestRecordCount } } }`, { r: usccs.map((uscc) => ({ __typename: 'LegalPerson', uscc })) }, admin);
  return res.data._entities.map((e: { dishonestRecordCount: number }) => e.dishonestRecordCount);
};

describe('applyIndustryMeasure', () => {
  const member = legalPersonAt(3).uscc;

  test('a member gets the measure as a dishonesty record of the association; a retry returns it and writes nothing', async () => {
    const [before] = await dishonestCounts([member]);
    const first = await call(APPLY, measure(member, 'censure-1'));
    expect(first.errors).toBeUndefined();
    expect(first.data.applyIndustryMeasure).toMatchObject({
      category: 'MANAGEMENT', title: '行业协会自律惩戒：公开谴责', dishonest: true, public: true, decisionKind: 'OTHER', decidedOn: TODAY,
      provider: ORG, sourceDepartment: ORG, providerRecordId: 'industry-measure:censure-1',
    });
    const count = await ofAssociation();
    const again = await call(APPLY, measure(member, 'censure-1'));
    expect(again.data.applyIndustryMeasure).toEqual(first.data.applyIndustryMeasure);
    expect(await ofAssociation()).toBe(count);
    expect(await dishonestCounts([member])).toEqual([before + 1]);
  });

  test('the same key with other content is refused and the stored record stays as it was', async () => {
    const res = await call(APPLY, measure(member, 'censure-1', { reason: '另一件事' }));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey', rule: 'IDEMPOTENCY_KEY_REUSED' });
    const rows = await sub.db.query('SELECT content FROM credit_record WHERE provider = ? AND provider_record_id = ?', [ORG, 'industry-measure:censure-1']);
    expect(rows).toEqual([{ content: '组团社虚假宣传，扰乱行业秩序' }]);
  });

  test('concurrent retries store one record', async () => {
    const count = await ofAssociation();
    const results = await Promise.all([1, 2, 3, 4].map(() => call(APPLY, measure(legalPersonAt(4).uscc, 'race-1', { measure: 'PERSUASION_TO_QUIT' }))));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((r) => r.data.applyIndustryMeasure.id)).size).toBe(1);
    expect(await ofAssociation()).toBe(count + 1);
  });

  test('a non-member is FORBIDDEN and nothing is written; so is a caller that is not an association', async () => {
    const count = await ofAssociation();
    for (const uscc of [legalPersonAt(77).uscc, DEMO_SUBJECT.uscc, '91110000600037341L']) {
      const res = await call(APPLY, measure(uscc, `outsider-${uscc}`));
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.uscc', rule: 'NOT_A_MEMBER' });
    }
    // The SDL's @policy refuses it first (kit/enforce-directives); the resolver's own check is the last line.
    const department = await call(APPLY, measure(member, 'dept-1'), testCaller({ kind: 'DEPARTMENT', org: DEMO_ORGS.department.org, scopes: ['records:read', 'records:submit'] }));
    expect(department.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const otherAssociation = await call(APPLY, measure(member, 'other-1'), testCaller({ kind: 'ASSOCIATION', org: '51310000MJ4L8Q043P' }));
    expect(otherAssociation.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_A_MEMBER' });
    expect(await ofAssociation()).toBe(count);
  });

  test('rejected input names the field and the rule and writes nothing', async () => {
    const count = await ofAssociation();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ decidedOn: '2026-02-30' }, 'input.decidedOn', 'ISO_DATE'],
      [{ decidedOn: '2999-01-01' }, 'input.decidedOn', 'DATE_IN_FUTURE'],
      [{ reason: ' ' }, 'input.reason', 'REQUIRED'],
      [{ idempotencyKey: '' }, 'input.idempotencyKey', 'REQUIRED'],
      [{ uscc: '91110000600037341M' }, 'input.uscc', 'USCC_CHECK_CHARACTER'],
      // A dishonesty measure (PUBLIC_CENSURE) decided before the 5-year query period would be stored already unprovidable.
      [{ decidedOn: addYears(TODAY, -6) }, 'input.decidedOn', 'PAST_QUERY_PERIOD'],
    ];
    for (const [over, field, rule] of cases) {
      const res = await call(APPLY, measure(member, 'bad-1', over));
      expect(res.status).toBeLessThan(500);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    }
    const unknownMeasure = await call(APPLY, measure(member, 'bad-2', { measure: 'EXPULSION' }));
    expect(unknownMeasure.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await ofAssociation()).toBe(count);
  });

  test('a WARNING is not dishonesty; a red-list recommendation is a non-dishonest record under its own key', async () => {
    const uscc = legalPersonAt(5).uscc;
    const [before] = await dishonestCounts([uscc]);
    const warning = await call(APPLY, measure(uscc, 'k-5', { measure: 'WARNING', decisionNumber: null }));
    expect(warning.data.applyIndustryMeasure).toMatchObject({ dishonest: false, public: false, decisionNumber: null, title: '行业协会自律惩戒：警告' });
    const red = await call(RECOMMEND, { input: { idempotencyKey: 'k-5', uscc, reason: '连续五年无游客投诉', decidedOn: TODAY } });
    expect(red.data.recommendForRedList).toMatchObject({ category: 'MANAGEMENT', dishonest: false, title: '行业协会推荐列入守信红名单', providerRecordId: 'red-list-recommendation:k-5' });
    expect(red.data.recommendForRedList.id).not.toBe(warning.data.applyIndustryMeasure.id);
    expect(await dishonestCounts([uscc])).toEqual([before]);
    const outsider = await call(RECOMMEND, { input: { idempotencyKey: 'k-6', uscc: legalPersonAt(77).uscc, reason: '—', decidedOn: TODAY } });
    expect(outsider.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('supervisionGrade', () => {
  const grades = async (representations: object[], caller = admin) => {
    const res = await call(GRADE, { r: representations }, caller);
    expect(res.errors).toBeUndefined();
    return res.data._entities.map((e: { supervisionGrade: { grade: string } }) => e.supervisionGrade.grade);
  };

  test('from representations carrying activeListEntries: D black, C key attention, A red without dishonesty, else B', async () => {
    const candidates = Array.from({ length: 60 }, (_, i) => legalPersonAt(100 + i).uscc);
    const counts = await dishonestCounts(candidates);
    const clean = candidates[counts.indexOf(0)];
    const some = candidates[counts.findIndex((n) => n > 0 && n < 3)];
    expect(await grades([rep(clean, 'BLACK'), rep(clean, 'KEY_ATTENTION'), rep(clean, 'RED'), rep(clean), rep(some, 'RED'), rep(some)])).toEqual(['D', 'C', 'A', 'B', 'B', 'B']);
    const d = await call(GRADE, { r: [rep(clean, 'BLACK')] }, admin);
    expect(d.data._entities[0].supervisionGrade).toEqual({ grade: 'D', reasons: ['active BLACK list entry (market-supervision)'], inspectionFrequencyFactor: 3 });
  });

  test('the loop: three public censures in the query period make a clean member C', async () => {
    const members = Array.from({ length: 20 }, (_, i) => legalPersonAt(10 + i).uscc);
    const member = members[(await dishonestCounts(members)).indexOf(0)];
    expect(await grades([rep(member, 'RED')])).toEqual(['A']);
    for (const key of ['c-1', 'c-2', 'c-3']) expect((await call(APPLY, measure(member, `${member}-${key}`))).errors).toBeUndefined();
    const res = await call(GRADE, { r: [rep(member, 'RED')] }, admin);
    expect(res.data._entities[0].supervisionGrade).toEqual({ grade: 'C', reasons: ['3 dishonesty records in the 5-year query period (at least 3)'], inspectionFrequencyFactor: 2 });
  });

  test('a batch of 300 companies costs one SELECT on credit_record and one on legal_person', async () => {
    const representations = Array.from({ length: 300 }, (_, i) => rep(legalPersonAt(i).uscc, ...(i % 3 === 0 ? ['BLACK'] : [])));
    sub.counter.start();
    const res = await call(GRADE, { r: representations }, admin);
    const statements = sub.counter.stop().filter((s) => /^\s*SELECT/i.test(s));
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toHaveLength(300);
    expect(res.data._entities[0].supervisionGrade.grade).toBe('D');
    expect(statements.filter((s) => /credit_record/.test(s))).toHaveLength(1);
    expect(statements).toHaveLength(2);
  });

  test('an association is graded for its members only', async () => {
    const res = await call(GRADE, { r: [rep(legalPersonAt(7).uscc), rep(legalPersonAt(77).uscc)] });
    expect(res.data._entities[0].supervisionGrade.grade).toMatch(/^[ABC]$/);
    expect(res.data._entities[1]).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', '_entities.1']]);
  });

  test('without activeListEntries (not through the gateway) it is BAD_USER_INPUT, never a guess', async () => {
    const res = await call(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { supervisionGrade { grade } } }`, undefined, admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activeListEntries', rule: 'REQUIRES_FIELD' });
  });
});
