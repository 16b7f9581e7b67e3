import { checkCorrection } from '../../../../subgraphs/kit/credit-records/correction';
import { correctedFrom, recordChanges } from '../../../../subgraphs/kit/credit-records/decision';
import { comparedDigest } from '../../../../subgraphs/kit/credit-records/record-digest';
import { recordRow } from '../../../../subgraphs/kit/credit-records/write';
import { recordEffectOf } from '../../../../subgraphs/objections/rules/objection-decision';
import { violation } from '../../../support/violation';

// 001 Art. 31–32: what a decision does to a credit record, as the owning person subgraph applies it.
const inForce = { removal: null };

describe('recordChanges', () => {
  test.each(['REVOKED', 'REPAIRED', 'WITHDRAWN'] as const)('%s takes the record out of every read, dated', (effect) => {
    expect(recordChanges(inForce, { id: 'r', effect, on: '2026-09-30' })).toEqual({ removal: effect, removedOn: '2026-09-30' });
  });

  test('ANNOTATED shows the note; without one it is refused', () => {
    expect(recordChanges(inForce, { id: 'r', effect: 'ANNOTATED', note: ' 已标注 ', on: '2026-09-30' })).toEqual({ annotation: '已标注' });
    expect(violation(() => recordChanges(inForce, { id: 'r', effect: 'ANNOTATED', on: '2026-09-30' }))).toMatchObject({ field: 'note', rule: 'NOTE_REQUIRED' });
  });

  test('CORRECTED sets exactly the fields the provider corrected', () => {
    expect(recordChanges(inForce, { id: 'r', effect: 'CORRECTED', correction: { content: '更正', title: null }, on: '2026-09-30' })).toEqual({ content: '更正' });
  });

  test('a record that already left every read stays as it is (redelivery, or a correction after revocation)', () => {
    expect(recordChanges({ removal: 'REVOKED' }, { id: 'r', effect: 'CORRECTED', correction: { content: 'x' }, on: '2026-10-01' })).toEqual({});
    expect(recordChanges({ removal: 'REVOKED' }, { id: 'r', effect: 'REVOKED', on: '2026-10-01' })).toEqual({});
  });
});

describe('correctedFrom', () => {
  const row = recordRow({ subjectType: 'LEGAL_PERSON', subjectId: '91310106MA1FL00001', category: 'SUPERVISION', sourceDepartment: 'd', title: 't', content: '罚款十万元', decidedOn: '2026-08-03', public: false, dishonest: true, provider: 'p', providerRecordId: 'r' }, '91310106MA1FL00001');
  const decision = (content: string) => ({ id: row.id, effect: 'CORRECTED' as const, correction: { content }, on: '2026-09-30' });

  test("a CORRECTED decision remembers the digest of the provider's values it replaced, and its day", () => {
    expect(correctedFrom(row, { content: '罚款一千元' }, decision('罚款一千元'))).toEqual({ correctedFrom: comparedDigest(row), correctedOn: '2026-09-30' });
  });

  test("a further decision keeps what the first remembered (the values now are the platform's); a no-op correction and other effects remember nothing", () => {
    expect(correctedFrom({ ...row, content: '罚款一千元', correctedFrom: 'first', correctedOn: '2026-09-01' }, { content: '罚款一百元' }, decision('罚款一百元'))).toEqual({});
    expect(correctedFrom(row, { content: row.content }, decision(row.content))).toEqual({});
    expect(correctedFrom(row, { annotation: '说明' }, { id: row.id, effect: 'ANNOTATED', note: '说明', on: '2026-09-30' })).toEqual({});
  });
});

describe('checkCorrection', () => {
  test.each([
    [{}, 'correction', 'CORRECTION_REQUIRED'],
    [{ title: '  ' }, 'correction.title', 'REQUIRED'],
    [{ decidedOn: '2026-02-30' }, 'correction.decidedOn', 'ISO_DATE'],
    [{ category: 'GOSSIP' }, 'correction.category', 'ENUM'],
    [{ seriousBehaviour: 'JAYWALKING' }, 'correction.seriousBehaviour', 'ENUM'],
    [{ decidedOn: '2026-10-01' }, 'correction.decidedOn', 'DECIDED_IN_FUTURE'],
    [{ behaviourEndedOn: '9999-12-31' }, 'correction.behaviourEndedOn', 'ENDED_IN_FUTURE'],
  ])('%j is refused at %s (%s)', (correction, field, rule) => {
    expect(violation(() => checkCorrection('correction', correction, '2026-09-30'))).toMatchObject({ field, rule });
  });
  test('dates up to the decision day are a correction', () => {
    expect(checkCorrection('correction', { decidedOn: '2026-09-30', behaviourEndedOn: '2026-09-30' }, '2026-09-30')).toEqual({ decidedOn: '2026-09-30', behaviourEndedOn: '2026-09-30' });
  });
});

test('only an upheld record objection reaches the record; a list-entry objection never does', () => {
  expect(recordEffectOf({ targetType: 'CREDIT_RECORD' }, 'ANNOTATED')).toBe('ANNOTATED');
  expect(recordEffectOf({ targetType: 'CREDIT_RECORD' }, 'REJECTED')).toBeNull();
  expect(recordEffectOf({ targetType: 'LIST_ENTRY' }, 'REVOKED')).toBeNull();
});
