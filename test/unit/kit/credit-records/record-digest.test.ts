import { COMPARED, comparedDigest } from '../../../../subgraphs/kit/credit-records/record-digest';
import { recordRow } from '../../../../subgraphs/kit/credit-records/write';
import type { RecordInput } from '../../../../subgraphs/kit/credit-records/input';

const input: RecordInput = {
  subjectType: 'NATURAL_PERSON', subjectId: '11010519491231002X', category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定书',
  content: '内容', decidedOn: '2026-09-01', public: true, publishedOn: '2026-09-03', dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL',
  provider: 'ORG', providerRecordId: 'r-1', item: 'NP-SUPERVISION',
} as RecordInput;
const row = recordRow(input, 'person-id');

test('a stored row read back with Date values has the digest of the row it was written from', () => {
  expect(comparedDigest({ ...row, decidedOn: new Date('2026-09-01T00:00:00Z') as unknown as string })).toBe(comparedDigest(row));
});

test('fields storeRecords does not compare leave the digest alone; each compared field changes it', () => {
  expect(comparedDigest({ ...row, id: 'other', annotation: 'x', providerRecordId: 'r-2' })).toBe(comparedDigest(row));
  const changed = COMPARED.map((k) => comparedDigest({ ...row, [k]: k === 'public' || k === 'dishonest' ? !row[k] : `${String(row[k])}!` }));
  expect(changed.filter((d) => d === comparedDigest(row))).toEqual([]);
});
