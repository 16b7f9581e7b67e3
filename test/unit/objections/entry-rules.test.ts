import { DEMO_SUBJECT } from '../../../subgraphs/kit/demo/demo-data';
import { relayedReason } from '../../../subgraphs/objections/end-list-entry';
import { assertedSubject, requireRepairable, subjectOfEntry } from '../../../subgraphs/objections/rules/entry-subject';
import { mayDecideObjection } from '../../../subgraphs/objections/rules/objection-decision';
import { requirePlatformDate } from '../../../subgraphs/objections/rules/objection-input';
import { mayDecideRepair } from '../../../subgraphs/objections/rules/repair-eligibility';
import { punishmentSuspension } from '../../../subgraphs/objections/rules/suspension';
import { jurisdictionPolicies } from '../../../subgraphs/objections/jurisdictions';
import { testCaller } from '../../support/subgraph-client';
import { violation } from '../../support/violation';

// The rules added after the security review: objections and repairs are about the entry's own subject,
// "who finds, repairs", dates are the platform's, and what is relayed to lists fits its 500 characters.

const pseudonym = (idNumber: string) => `np_${idNumber.padEnd(22, 'x').slice(0, 22)}`;
const OTHER = '91110000600037341L';
const self = testCaller({ kind: 'SUBJECT', subject: { type: 'LEGAL_PERSON', id: DEMO_SUBJECT.uscc } });
const own = { type: 'LEGAL_PERSON' as const, id: DEMO_SUBJECT.uscc };
const foreign = { type: 'LEGAL_PERSON' as const, id: OTHER };
const none = { type: null, id: null };

describe('the subject of an objection or repair is the entry\'s', () => {
  test('a subject acts on its own entries only', () => {
    expect(subjectOfEntry(self, { id: 'e', subject: own }, none, 'input.targetId')).toEqual(own);
    // Another subject's entry is answered as an unknown one: no FORBIDDEN that would say it exists.
    expect(violation(() => subjectOfEntry(self, { id: 'e', subject: foreign }, none, 'input.targetId'))).toEqual({ field: 'input.targetId', rule: 'LIST_ENTRY_NOT_FOUND', code: 'NOT_FOUND' });
    expect(violation(() => assertedSubject(self, { subjectType: 'LEGAL_PERSON', subjectId: OTHER }, pseudonym))).toMatchObject({ rule: 'NOT_YOURSELF', code: 'FORBIDDEN' });
  });

  test('an official body objects to any entry; the subject it names must be the entry\'s', () => {
    const department = testCaller({ kind: 'DEPARTMENT', org: 'D' });
    expect(assertedSubject(department, {}, pseudonym)).toEqual(none);
    expect(subjectOfEntry(department, { id: 'e', subject: foreign }, none, 'input.targetId')).toEqual(foreign);
    const named = assertedSubject(department, { subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc.toLowerCase() }, pseudonym);
    expect(violation(() => subjectOfEntry(department, { id: 'e', subject: foreign }, named, 'input.targetId'))).toEqual({ field: 'input.subjectId', rule: 'NOT_THE_ENTRY_SUBJECT', code: 'BAD_USER_INPUT' });
    expect(violation(() => subjectOfEntry(department, { id: 'e', subject: foreign }, { type: 'NATURAL_PERSON', id: null }, 'input.targetId'))).toMatchObject({ field: 'input.subjectType', rule: 'NOT_THE_ENTRY_SUBJECT' });
    expect(violation(() => assertedSubject(testCaller({ kind: 'AGENCY' }), {}, pseudonym))).toMatchObject({ rule: 'MAY_NOT_FILE', code: 'FORBIDDEN' });
  });

  test('repair applies to an entry in force', () => {
    expect(() => requireRepairable('input.listEntryId', { id: 'e', status: 'ACTIVE' })).not.toThrow();
    // Awaiting its notice it is not in force yet.
    expect(violation(() => requireRepairable('input.listEntryId', { id: 'e', status: 'PENDING_NOTICE' }))).toMatchObject({ rule: 'LIST_ENTRY_NOT_IN_FORCE' });
    expect(violation(() => requireRepairable('input.listEntryId', { id: 'e', status: 'REVOKED' }))).toMatchObject({ rule: 'LIST_ENTRY_NOT_IN_FORCE' });
  });
});

describe('who decides', () => {
  test('repair: the body that made the finding; the platform only where none was recorded, never for another body', () => {
    expect(mayDecideRepair(testCaller(), { listedBy: null })).toBe(true);
    expect(mayDecideRepair(testCaller(), { listedBy: 'LISTER' })).toBe(false);
    expect(mayDecideRepair(testCaller({ kind: 'DEPARTMENT', org: 'LISTER' }), { listedBy: 'LISTER' })).toBe(true);
    expect(mayDecideRepair(testCaller({ kind: 'DEPARTMENT', org: 'OTHER' }), { listedBy: 'LISTER' })).toBe(false);
    expect(mayDecideRepair(testCaller({ kind: 'DEPARTMENT', org: 'LISTER' }), { listedBy: null })).toBe(false);
    expect(mayDecideRepair(testCaller({ kind: 'SUBJECT', org: 'LISTER' }), { listedBy: 'LISTER' })).toBe(false);
  });

  test('an objection routed to the initiating department (002 四(三)): the department that listed the entry', () => {
    const routed = { status: 'FORWARDED' as const, forwardedTo: null, jurisdiction: '370115', listedBy: 'LISTER' };
    expect(mayDecideObjection(testCaller({ kind: 'DEPARTMENT', org: 'LISTER', jurisdiction: '370115' }), routed)).toBe(true);
    expect(mayDecideObjection(testCaller({ kind: 'DEPARTMENT', org: 'NEIGHBOUR', jurisdiction: '370115' }), routed)).toBe(false);
  });
});

describe('dates, suspension and what is relayed', () => {
  const saved = process.env.CREDIT_TODAY;
  afterEach(() => (saved === undefined ? delete process.env.CREDIT_TODAY : (process.env.CREDIT_TODAY = saved)));

  test('only the platform backdates (unless a test pins the calendar)', () => {
    delete process.env.CREDIT_TODAY;
    expect(violation(() => requirePlatformDate(self, 'input.filedOn', '2026-01-05', '2026-07-01'))).toEqual({ field: 'input.filedOn', rule: 'DATE_SET_BY_PLATFORM', code: 'BAD_USER_INPUT' });
    expect(() => requirePlatformDate(self, 'input.filedOn', '2026-07-01', '2026-07-01')).not.toThrow();
    expect(() => requirePlatformDate(self, 'input.filedOn', null, '2026-07-01')).not.toThrow();
    expect(() => requirePlatformDate(testCaller(), 'input.filedOn', '2026-01-05', '2026-07-01')).not.toThrow();
    process.env.CREDIT_TODAY = '2026-07-01';
    expect(() => requirePlatformDate(self, 'input.filedOn', '2026-01-05', '2026-07-01')).not.toThrow();
  });

  test('an open objection suspends where the jurisdiction suspends (000 item 17), not in Jiyang (002 四(三))', () => {
    const open = [{ id: 'b', filedOn: '2026-07-02' }, { id: 'a', filedOn: '2026-07-01' }];
    expect(punishmentSuspension(open, jurisdictionPolicies().policyFor('310106'))).toEqual({ suspended: true, reason: 'objection a and 1 more under verification (310106: suspended while verified, 000 item 17)' });
    expect(punishmentSuspension(open, jurisdictionPolicies().policyFor('370115')).suspended).toBe(false);
    expect(punishmentSuspension([], jurisdictionPolicies().policyFor('310106'))).toEqual({ suspended: false, reason: 'no objection under verification' });
  });

  test('a reason relayed to lists is at most 500 characters, cut with an ellipsis', () => {
    expect(relayedReason('已整改')).toBe('已整改');
    const cut = relayedReason('改'.repeat(600));
    expect(cut).toHaveLength(500);
    expect(cut.endsWith('改…')).toBe(true);
    const astral = relayedReason('a'.repeat(498) + '😀'.repeat(5));
    expect(astral).toBe(`${'a'.repeat(498)}…`);
  });
});
