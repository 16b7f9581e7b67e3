import fc from 'fast-check';
import { newRecordId, recordId } from '../../../../subgraphs/kit/credit-records/record-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('new record ids are UUIDv7, distinct and strictly increasing, even thousands within one millisecond', () => {
  const frozen = Date.UTC(2026, 11, 2);
  const ids = Array.from({ length: 10_000 }, () => newRecordId(frozen));
  for (const id of ids) expect(id).toMatch(UUID_V7);
  expect(new Set(ids).size).toBe(ids.length);
  for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
  // The timestamp leads: an id given at a later time sorts after all of these, and carries that time.
  const later = newRecordId(frozen + 60_000);
  expect(later > ids[ids.length - 1]).toBe(true);
  expect(parseInt(later.replace(/-/g, '').slice(0, 12), 16)).toBe(frozen + 60_000);
});

test('ids never go backwards when the clock does', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 200 }), (steps) => {
      let now = Date.UTC(2027, 0, 1);
      let previous = newRecordId(now);
      for (const step of steps) {
        now += step;
        const id = newRecordId(now);
        if (!(id > previous)) return false;
        previous = id;
      }
      return true;
    }),
    { seed: 20261202, numRuns: 200 },
  );
});

test('a seeded record id is the same for the same provider key, and differs when the key differs in case', () => {
  expect(recordId('ORG', 'k-1')).toBe(recordId('ORG', 'k-1'));
  expect(recordId('ORG', 'k-1')).not.toBe(recordId('ORG', 'K-1'));
});
