import { CATALOGUE_FILE, parseCatalogue } from '../../../../subgraphs/kit/credit-records/catalogue';
import { checkItem, type RecordInput } from '../../../../subgraphs/kit/credit-records/input';
import { DEMO_ORGS, demoItemCode, LEGAL_CATEGORY_WEIGHTS, NATURAL_CATEGORY_WEIGHTS } from '../../../../subgraphs/kit/demo/demo-data';
import { configFileFixture } from '../../../support/config-file';

// information-catalogue.yaml is validated at start-up; every error names the file, the line, the key and the rule.
const { shipped, edit, lineOf, errorOf } = configFileFixture(CATALOGUE_FILE, (text) => parseCatalogue(text));

test('the shipped catalogue holds an item for every demo record, open to every demo providing unit', () => {
  const catalogue = parseCatalogue(shipped);
  const demoItems = [...LEGAL_CATEGORY_WEIGHTS.map(([c]) => demoItemCode('LEGAL_PERSON', c)), ...NATURAL_CATEGORY_WEIGHTS.map(([c]) => demoItemCode('NATURAL_PERSON', c))];
  for (const code of demoItems) {
    for (const { org } of Object.values(DEMO_ORGS)) expect(catalogue.byCode.get(code)?.providerSet.has(org)).toBe(true);
  }
});

test('a repeated code names its line and the rule', () => {
  const text = edit('code: LP-JUDGMENT,', 'code: LP-ENFORCEMENT,');
  const e = errorOf(text);
  expect(e.message).toMatch(new RegExp(`^information-catalogue\\.yaml:${lineOf(text, 'name: 法人执行信息')}: items\\[4\\]\\.code: .*UNIQUE_CODE`));
});

test('a provider that is not an org code is refused at its position', () => {
  const text = edit('  - 91310106MA1K5R040H', '  - jingan-amr');
  expect(errorOf(text).message).toMatch(new RegExp(`^information-catalogue\\.yaml:${lineOf(text, 'jingan-amr')}: demoProviders\\[3\\]: .*PROVIDER_ORG_CODE`));
});

test('an unknown category is refused naming the item', () => {
  const text = edit('category: JUDGMENT, subjectType: LEGAL_PERSON', 'category: VERDICT, subjectType: LEGAL_PERSON');
  expect(errorOf(text).key).toBe('items[3].category');
});

test('a NOT_PUBLIC item must not be public', () => {
  const text = edit('public: true, dishonest: true, publication: PUBLIC, providers: *demo }\n  - { code: LP-ENFORCEMENT', 'public: true, dishonest: true, publication: NOT_PUBLIC, providers: *demo }\n  - { code: LP-ENFORCEMENT');
  expect(errorOf(text).message).toMatch(/items\[3\]\.publication: .*PUBLICATION_MATCHES_PUBLIC/);
});

describe('a record and its item (001 Art. 9)', () => {
  const catalogue = parseCatalogue(shipped);
  const record: RecordInput = {
    subjectType: 'LEGAL_PERSON', subjectId: '91310106265UHPPC1B', category: 'REGISTRATION', sourceDepartment: 'd', title: 't', content: 'c', decidedOn: '2026-01-05',
    public: true, dishonest: false, provider: DEMO_ORGS.department.org, providerRecordId: 'x', item: 'LP-REGISTRATION',
  };
  const ruleOf = (over: Partial<RecordInput>) => {
    try {
      checkItem({ ...record, ...over }, 0, catalogue);
      return null;
    } catch (e) {
      return (e as { rule: string }).rule;
    }
  };
  test.each([
    [{}, null],
    [{ item: undefined }, 'NOT_IN_CATALOGUE'],
    [{ item: 'LP-UNKNOWN' }, 'NOT_IN_CATALOGUE'],
    [{ provider: '12310000MB0P1Q077K' }, 'PROVIDER_NOT_ALLOWED'],
    [{ subjectType: 'NATURAL_PERSON' as const }, 'ITEM_SUBJECT_TYPE'],
    [{ category: 'JUDGMENT' }, 'ITEM_CATEGORY'],
    [{ dishonest: true }, 'ITEM_NOT_DISHONESTY'],
  ])('%o → %s', (over, rule) => expect(ruleOf(over)).toBe(rule));
});
