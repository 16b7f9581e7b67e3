import { checkCorrection } from '../../../../subgraphs/kit/credit-records/correction';
import { recordChanges } from '../../../../subgraphs/kit/credit-records/decision';
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

describe('checkCorrection', () => {
  test.each([
    [{}, 'correction', 'CORRECTION_REQUIRED'],
    [{ title: '  ' }, 'correction.title', 'REQUIRED'],
    [{ decidedOn: '2026-02-30' }, 'correction.decidedOn', 'ISO_DATE'],
    [{ category: 'GOSSIP' }, 'correction.category', 'ENUM'],
    [{ seriousBehaviour: 'JAYWALKING' }, 'correction.seriousBehaviour', 'ENUM'],
  ])('%j is refused at %s (%s)', (correction, field, rule) => {
    expect(violation(() => checkCorrection('correction', correction))).toMatchObject({ field, rule });
  });
});

test('only an upheld record objection reaches the record; a list-entry objection never does', () => {
  expect(recordEffectOf({ targetType: 'CREDIT_RECORD' }, 'ANNOTATED')).toBe('ANNOTATED');
  expect(recordEffectOf({ targetType: 'CREDIT_RECORD' }, 'REJECTED')).toBeNull();
  expect(recordEffectOf({ targetType: 'LIST_ENTRY' }, 'REVOKED')).toBeNull();
});
