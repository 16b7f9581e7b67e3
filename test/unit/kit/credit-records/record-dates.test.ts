import fc from 'fast-check';
import { addDays } from '../../../../subgraphs/kit/calendar/dates';
import { recordViolations, type RecordInput } from '../../../../subgraphs/kit/credit-records/input';
import { isQueryable } from '../../../../subgraphs/kit/credit-records/query-period';
import { DEMO_ORGS, DEMO_SUBJECT } from '../../../../subgraphs/kit/demo/demo-data';

// A record's dates against the day it is received: none after it, and no dishonesty record already past
// its 5-year query period (001 Art. 30) — which a far-future behaviourEndedOn would otherwise escape.
const TODAY = '2026-09-30';
const base: RecordInput = {
  subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定', content: '罚款',
  decidedOn: '2026-09-01', public: true, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL', provider: DEMO_ORGS.department.org, providerRecordId: 'd-1', item: 'LP-SUPERVISION',
};
const ruleOf = (r: RecordInput, today: string | null = TODAY) => {
  const v = recordViolations([r], today)[0];
  return v ? [v.field, v.rule] : null;
};

test('a decision, a publication or an end of behaviour after today is refused, naming its field', () => {
  expect(ruleOf({ ...base, decidedOn: '2026-10-01' })).toEqual(['records[0].decidedOn', 'DECIDED_IN_FUTURE']);
  expect(ruleOf({ ...base, publishedOn: '2026-10-01' })).toEqual(['records[0].publishedOn', 'PUBLISHED_IN_FUTURE']);
  expect(ruleOf({ ...base, behaviourEndedOn: '9999-12-31' })).toEqual(['records[0].behaviourEndedOn', 'ENDED_IN_FUTURE']);
  expect(ruleOf({ ...base, decidedOn: TODAY, publishedOn: TODAY, behaviourEndedOn: TODAY })).toBeNull();
});

test('over any days: a record is taken in exactly when its dates are not after today and, if dishonest, it is still queryable', () => {
  const day = fc.integer({ min: -4000, max: 400 }).map((n) => addDays(TODAY, n));
  fc.assert(fc.property(day, fc.option(day, { nil: undefined }), fc.boolean(), (decidedOn, behaviourEndedOn, dishonest) => {
    const r = { ...base, decidedOn, behaviourEndedOn, dishonest };
    const expected = decidedOn <= TODAY && (behaviourEndedOn ?? '') <= TODAY && (!dishonest || isQueryable(r, TODAY));
    expect(ruleOf(r) === null).toBe(expected);
    if (!expected && decidedOn <= TODAY && (behaviourEndedOn ?? '') <= TODAY) {
      expect(ruleOf(r)).toEqual([`records[0].${behaviourEndedOn ? 'behaviourEndedOn' : 'decidedOn'}`, 'PAST_QUERY_PERIOD']);
    }
  }), { numRuns: 500 });
});

test('a dishonesty record that ended more than five years ago is refused; a non-dishonesty one of that age is taken in', () => {
  expect(ruleOf({ ...base, decidedOn: '2015-01-05', behaviourEndedOn: '2015-01-05' })).toEqual(['records[0].behaviourEndedOn', 'PAST_QUERY_PERIOD']);
  expect(ruleOf({ ...base, decidedOn: '2015-01-05' })).toEqual(['records[0].decidedOn', 'PAST_QUERY_PERIOD']);
  expect(ruleOf({ ...base, decidedOn: '2015-01-05', dishonest: false, public: true })).toBeNull();
});

test('without a day (natural-persons storing what legal-persons took in and checked) the dates are not checked again', () => {
  expect(ruleOf({ ...base, decidedOn: '2015-01-05' }, null)).toBeNull();
});
