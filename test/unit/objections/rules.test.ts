import { DEMO_SUBJECT } from '../../../subgraphs/kit/demo/demo-data';
import { actingSubject } from '../../../subgraphs/objections/rules/acting-subject';
import { checkDecisionNote, endsListing, mayDecideObjection, requireForwardable } from '../../../subgraphs/objections/rules/objection-decision';
import { checkFileObjection } from '../../../subgraphs/objections/rules/objection-input';
import { checkRepairDecision, checkRepairEvidence, requireNotSeriousBehaviour } from '../../../subgraphs/objections/rules/repair-eligibility';
import { testCaller } from '../../support/subgraph-client';
import { violation } from '../../support/violation';

const pseudonym = (idNumber: string) => `np_${idNumber.padEnd(22, 'x').slice(0, 22)}`;

describe('actingSubject', () => {
  const self = testCaller({ kind: 'SUBJECT', subject: { type: 'LEGAL_PERSON', id: DEMO_SUBJECT.uscc } });

  test('a subject acts for itself by default, and only for itself', () => {
    expect(actingSubject(self, {}, pseudonym)).toEqual({ type: 'LEGAL_PERSON', id: DEMO_SUBJECT.uscc });
    expect(actingSubject(self, { subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc.toLowerCase() }, pseudonym).id).toBe(DEMO_SUBJECT.uscc);
    expect(violation(() => actingSubject(self, { subjectType: 'LEGAL_PERSON', subjectId: '91110000600037341L' }, pseudonym))).toEqual({ field: 'input.subjectId', rule: 'NOT_YOURSELF', code: 'FORBIDDEN' });
  });

  test('others must name the subject; resident id numbers become pseudonyms', () => {
    const admin = testCaller();
    expect(violation(() => actingSubject(admin, {}, pseudonym))).toMatchObject({ field: 'input.subjectId', rule: 'REQUIRED', code: 'BAD_USER_INPUT' });
    expect(violation(() => actingSubject(admin, { subjectId: DEMO_SUBJECT.uscc }, pseudonym))).toMatchObject({ field: 'input.subjectType', rule: 'REQUIRED' });
    expect(actingSubject(admin, { subjectType: 'NATURAL_PERSON', subjectId: '11010519491231002x' }, pseudonym)).toEqual({ type: 'NATURAL_PERSON', id: pseudonym('11010519491231002X') });
    expect(violation(() => actingSubject(admin, { subjectType: 'LEGAL_PERSON', subjectId: '91110000600037341M' }, pseudonym))).toMatchObject({ rule: 'USCC_CHECK_CHARACTER' });
    expect(violation(() => actingSubject(testCaller({ kind: 'ASSOCIATION' }), { subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc }, pseudonym))).toMatchObject({ rule: 'MAY_NOT_FILE', code: 'FORBIDDEN' });
  });
});

describe('checkFileObjection', () => {
  const base = { targetType: 'LIST_ENTRY' as const, targetId: 'A1B2C3D4-0000-4000-a000-000000000001', reason: ' 依据不实 ' };
  test('defaults: today; no jurisdiction unless asserted (the entry\'s own is used), none for records', () => {
    expect(checkFileObjection(base, '2026-07-01')).toEqual({ ...base, targetId: base.targetId.toLowerCase(), reason: '依据不实', filedOn: '2026-07-01', jurisdiction: null });
    expect(checkFileObjection({ ...base, jurisdiction: '370115' }, '2026-07-01').jurisdiction).toBe('370115');
    expect(checkFileObjection({ ...base, targetType: 'CREDIT_RECORD' }, '2026-07-01').jurisdiction).toBeNull();
  });
  test('bad input names the field and rule', () => {
    expect(violation(() => checkFileObjection({ ...base, targetId: 'x' }, '2026-07-01'))).toMatchObject({ field: 'input.targetId', rule: 'ID_FORMAT' });
    expect(violation(() => checkFileObjection({ ...base, reason: '  ' }, '2026-07-01'))).toMatchObject({ field: 'input.reason', rule: 'REQUIRED' });
    expect(violation(() => checkFileObjection({ ...base, filedOn: '2026-02-30' }, '2026-07-01'))).toMatchObject({ field: 'input.filedOn', rule: 'ISO_DATE' });
    expect(violation(() => checkFileObjection({ ...base, filedOn: '2026-07-02' }, '2026-07-01'))).toMatchObject({ rule: 'NOT_IN_FUTURE' });
    expect(violation(() => checkFileObjection({ ...base, jurisdiction: 'Jingan' }, '2026-07-01'))).toMatchObject({ field: 'input.jurisdiction', rule: 'DIVISION_CODE' });
    expect(violation(() => checkFileObjection({ ...base, targetType: 'CREDIT_RECORD', jurisdiction: '310106' }, '2026-07-01'))).toMatchObject({ rule: 'ONLY_FOR_LIST_ENTRY' });
  });
});

describe('objection decisions', () => {
  const forwarded = { status: 'FORWARDED' as const, forwardedTo: null, jurisdiction: '370115' };
  test('the platform decides its own step only; the unit a step is with decides it', () => {
    expect(mayDecideObjection(testCaller(), { status: 'FILED', forwardedTo: null, jurisdiction: '310106' })).toBe(true);
    expect(mayDecideObjection(testCaller(), { ...forwarded, forwardedTo: 'X' })).toBe(false);
    expect(mayDecideObjection(testCaller(), { ...forwarded, listedBy: 'LISTER' })).toBe(false);
    expect(mayDecideObjection(testCaller({ kind: 'DEPARTMENT', jurisdiction: '370115' }), forwarded)).toBe(true);
    expect(mayDecideObjection(testCaller({ kind: 'DEPARTMENT', jurisdiction: '310106' }), forwarded)).toBe(false);
    expect(mayDecideObjection(testCaller({ kind: 'DEPARTMENT', org: 'X' }), { ...forwarded, forwardedTo: 'X' })).toBe(true);
    expect(mayDecideObjection(testCaller({ kind: 'DEPARTMENT', jurisdiction: '310106' }), { status: 'FILED', forwardedTo: null, jurisdiction: '310106' })).toBe(false);
    expect(mayDecideObjection(testCaller({ kind: 'SUBJECT' }), forwarded)).toBe(false);
  });
  test('notes, state and what ends a listing', () => {
    expect(violation(() => checkDecisionNote('REJECTED', ' '))).toMatchObject({ field: 'note', rule: 'NOTE_REQUIRED' });
    expect(checkDecisionNote('REVOKED', undefined)).toBeNull();
    expect(violation(() => requireForwardable({ id: 'o', status: 'DECIDED' }))).toMatchObject({ rule: 'ALREADY_DECIDED', code: 'CONFLICT' });
    expect(violation(() => requireForwardable({ id: 'o', status: 'FORWARDED' }))).toMatchObject({ rule: 'ALREADY_FORWARDED' });
    expect(endsListing({ targetType: 'LIST_ENTRY' }, 'REVOKED')).toBe(true);
    expect(endsListing({ targetType: 'LIST_ENTRY' }, 'CORRECTED')).toBe(true);
    expect(endsListing({ targetType: 'LIST_ENTRY' }, 'ANNOTATED')).toBe(false);
    expect(endsListing({ targetType: 'CREDIT_RECORD' }, 'REVOKED')).toBe(false);
  });
});

describe('repair eligibility (001 Art. 26, 32; 002 四(四))', () => {
  test('not available where the listing or the record states a special serious behaviour, naming the article', () => {
    expect(violation(() => requireNotSeriousBehaviour('input.listEntryId', 'list entry e', 'REFUSAL_TO_PERFORM'))).toEqual({ field: 'input.listEntryId', rule: 'REPAIR_NOT_AVAILABLE', code: 'BAD_USER_INPUT' });
    expect(() => requireNotSeriousBehaviour('input.listEntryId', 'list entry e', 'REFUSAL_TO_PERFORM')).toThrow('001 Art. 26 (三)');
    expect(() => requireNotSeriousBehaviour('input.listEntryId', 'list entry e', null)).not.toThrow();
  });
  test('a public credit commitment is required; evidence is de-duplicated', () => {
    expect(violation(() => checkRepairEvidence(['REPAIR_TRAINING']))).toMatchObject({ field: 'input.evidence', rule: 'PUBLIC_CREDIT_COMMITMENT_REQUIRED' });
    expect(violation(() => checkRepairEvidence([]))).toMatchObject({ rule: 'PUBLIC_CREDIT_COMMITMENT_REQUIRED' });
    expect(violation(() => checkRepairEvidence(['PUBLIC_CREDIT_COMMITMENT', 'BRIBE']))).toMatchObject({ field: 'input.evidence[1]', rule: 'ENUM' });
    expect(checkRepairEvidence(['REPAIR_TRAINING', 'PUBLIC_CREDIT_COMMITMENT', 'REPAIR_TRAINING'])).toEqual(['REPAIR_TRAINING', 'PUBLIC_CREDIT_COMMITMENT']);
  });
  test('a decision is made once, and a rejection says why', () => {
    expect(violation(() => checkRepairDecision('PENDING', false, ''))).toMatchObject({ field: 'reason', rule: 'REASON_REQUIRED' });
    expect(violation(() => checkRepairDecision('APPROVED', true, null))).toMatchObject({ rule: 'ALREADY_DECIDED', code: 'CONFLICT' });
    expect(checkRepairDecision('PENDING', true, ' ok ')).toBe('ok');
  });
});
