import { applicableMeasures, matchesFilter, type ActiveListEntry, type MeasureRule } from '../../../subgraphs/measures/rules/applicable';

const measure = (id: string, over: Partial<MeasureRule> = {}): MeasureRule => ({
  id, kind: id.startsWith('I-') ? 'INCENTIVE' : 'PUNISHMENT', mandatory: false, listTypes: ['BLACK'], domains: [], purposes: ['GOVERNMENT_PROCUREMENT'], ...over,
});
const black = (id: string, domain = 'market-supervision', over: Partial<ActiveListEntry> = {}): ActiveListEntry => ({ id, listType: 'BLACK', domain, ...over });

const CATALOGUE: MeasureRule[] = [
  measure('P-ADM-10', { mandatory: true }),
  measure('P-SPC-02', { mandatory: true, domains: ['court-enforcement', 'tax'] }),
  measure('P-MKT-04', { listTypes: ['BLACK', 'KEY_ATTENTION'], purposes: ['GOVERNMENT_PROCUREMENT', 'BIDDING'] }),
  measure('P-ADM-02', { mandatory: true, purposes: ['ADMINISTRATIVE_APPROVAL'] }),
  measure('I-ADM-10', { mandatory: true, listTypes: ['RED'] }),
  measure('I-MKT-03', { listTypes: ['RED'] }),
];

test('matches list type, domain (empty = every domain) and purpose', () => {
  const ids = (entries: ActiveListEntry[], purpose: string) => applicableMeasures(entries, CATALOGUE, purpose).map((a) => a.measure.id);
  expect(ids([black('e1')], 'GOVERNMENT_PROCUREMENT')).toEqual(['P-ADM-10', 'P-MKT-04']);
  expect(ids([black('e1', 'tax')], 'GOVERNMENT_PROCUREMENT')).toEqual(['P-ADM-10', 'P-SPC-02', 'P-MKT-04']);
  expect(ids([black('e1')], 'ADMINISTRATIVE_APPROVAL')).toEqual(['P-ADM-02']);
  expect(ids([black('e1')], 'COMMENDATION')).toEqual([]);
  expect(ids([{ id: 'k', listType: 'KEY_ATTENTION', domain: 'tax' }], 'BIDDING')).toEqual(['P-MKT-04']);
  expect(ids([], 'BIDDING')).toEqual([]);
});

test('orders mandatory first, then punishment before incentive, then id, across entries', () => {
  const result = applicableMeasures([{ id: 'r', listType: 'RED', domain: 'tax' }, black('b', 'tax')], CATALOGUE, 'GOVERNMENT_PROCUREMENT');
  expect(result.map((a) => `${a.measure.id}@${a.entry.id}`)).toEqual(['P-ADM-10@b', 'P-SPC-02@b', 'I-ADM-10@r', 'P-MKT-04@b', 'I-MKT-03@r']);
});

test('the same measure is listed once per triggering entry, in entry order', () => {
  const result = applicableMeasures([black('b2'), black('b1')], [measure('P-ADM-10')], 'GOVERNMENT_PROCUREMENT');
  expect(result.map((a) => a.entry.id)).toEqual(['b2', 'b1']);
});

test('suspension is copied to punishments only; incentives are never suspended', () => {
  const held = { suspended: true, reason: '异议核实中（000 序号40）' };
  const result = applicableMeasures(
    [black('b', 'market-supervision', { punishmentSuspension: held }), { id: 'r', listType: 'RED', domain: 'tax', punishmentSuspension: held }],
    CATALOGUE,
    'GOVERNMENT_PROCUREMENT',
  );
  const by = (id: string) => result.find((a) => a.measure.id === id)!;
  expect(by('P-ADM-10')).toMatchObject({ suspended: true, suspensionReason: held.reason });
  expect(by('I-ADM-10')).toMatchObject({ suspended: false, suspensionReason: null });
});

test('suspended is always a Boolean, also when the entry carries no suspension', () => {
  const result = applicableMeasures([black('b', 'market-supervision', { punishmentSuspension: null }), black('c')], CATALOGUE, 'GOVERNMENT_PROCUREMENT');
  for (const a of result) {
    expect(a.suspended).toBe(false);
    expect(a.suspensionReason).toBeNull();
  }
  const noReason = applicableMeasures([black('b', 'market-supervision', { punishmentSuspension: { suspended: true } })], CATALOGUE, 'GOVERNMENT_PROCUREMENT');
  expect(noReason[0]).toMatchObject({ suspended: true, suspensionReason: null });
});

test('matchesFilter: each field narrows, absent fields do not', () => {
  const m = { ...measure('P-SPC-02', { mandatory: true, domains: ['tax'] }), category: 'SPECIAL' };
  expect(matchesFilter(m)).toBe(true);
  expect(matchesFilter(m, { kind: 'PUNISHMENT', mandatory: true, category: 'SPECIAL', listType: 'BLACK', domain: 'tax', purpose: 'GOVERNMENT_PROCUREMENT' })).toBe(true);
  expect(matchesFilter(m, { kind: 'INCENTIVE' })).toBe(false);
  expect(matchesFilter(m, { mandatory: false })).toBe(false);
  expect(matchesFilter(m, { category: 'MARKET' })).toBe(false);
  expect(matchesFilter(m, { listType: 'RED' })).toBe(false);
  expect(matchesFilter(m, { domain: 'environment' })).toBe(false);
  expect(matchesFilter(m, { purpose: 'BIDDING' })).toBe(false);
  expect(matchesFilter({ ...m, domains: [] }, { domain: 'environment' })).toBe(true);
  expect(matchesFilter(m, { kind: null, mandatory: null })).toBe(true);
});
