import { validateListing, type ListSubjectInput } from '../../../subgraphs/lists/listing-input';
import { periodPolicy } from '../../../subgraphs/lists/policy';

const TODAY = '2026-09-01';
const input = (over: Partial<ListSubjectInput> = {}): ListSubjectInput => ({
  subjectType: 'LEGAL_PERSON', subjectId: '91110000600037341L', listType: 'BLACK', domain: 'market-supervision',
  basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: '2026-08-01', noticeServedOn: '2026-07-20', ...over,
});
const ruleOf = (over: Partial<ListSubjectInput>) => {
  try {
    validateListing(input(over), periodPolicy(), TODAY);
    return null;
  } catch (e) {
    return { field: (e as { field: string }).field, rule: (e as { rule: string }).rule };
  }
};

describe('listSubject input', () => {
  test('a valid listing is settled: code upper-cased, period defaulted, national and published', () => {
    const listing = validateListing(input({ subjectId: ' 91110000600037341l ' }), periodPolicy(), TODAY);
    expect(listing).toMatchObject({ subjectId: '91110000600037341L', periodEndsOn: '2029-08-01', standard: 'NATIONAL', published: true });
  });

  test('subject ids: USCC check characters, np_ pseudonyms only for natural persons', () => {
    expect(ruleOf({ subjectId: '91110000600037341M' })).toEqual({ field: 'input.subjectId', rule: 'USCC_CHECK_CHARACTER' });
    expect(ruleOf({ subjectId: '9111' })).toEqual({ field: 'input.subjectId', rule: 'USCC_LENGTH' });
    expect(ruleOf({ subjectType: 'NATURAL_PERSON', subjectId: '11010519491231002X' })).toEqual({ field: 'input.subjectId', rule: 'NATURAL_PERSON_ID' });
    expect(ruleOf({ subjectType: 'NATURAL_PERSON', subjectId: 'np_abcdefghijklmnopqrstuv' })).toBeNull();
  });

  test('dates: ISO, decision not in the future, period after the decision', () => {
    expect(ruleOf({ decidedOn: '2026-02-30' })).toEqual({ field: 'input.decidedOn', rule: 'ISO_DATE' });
    expect(ruleOf({ decidedOn: '2026-09-02' })).toEqual({ field: 'input.decidedOn', rule: 'DECIDED_IN_FUTURE' });
    expect(ruleOf({ periodEndsOn: '2026-08-01' })).toEqual({ field: 'input.periodEndsOn', rule: 'PERIOD_AFTER_DECISION' });
    expect(ruleOf({ periodEndsOn: '01/08/2027' })).toEqual({ field: 'input.periodEndsOn', rule: 'ISO_DATE' });
    expect(ruleOf({ noticeServedOn: '2026-09-05' })).toEqual({ field: 'input.noticeServedOn', rule: 'NOTICE_IN_FUTURE' });
  });

  test('basis and domain', () => {
    expect(ruleOf({ basis: '  ' })).toEqual({ field: 'input.basis', rule: 'REQUIRED' });
    expect(ruleOf({ domain: 'Market Supervision' })).toEqual({ field: 'input.domain', rule: 'DOMAIN_FORMAT' });
  });
});
