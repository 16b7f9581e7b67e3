import { readFileSync } from 'node:fs';
import { CatalogueError, DEFAULT_CATALOGUE_FILE, loadCatalogueFile, parseCatalogue, type CatalogueIssue } from '../../../subgraphs/measures/catalogue';
import { applicableMeasures } from '../../../subgraphs/measures/rules/applicable';

const SOURCE = readFileSync(DEFAULT_CATALOGUE_FILE, 'utf8');

function issuesOf(source: string, file = 'bad.yaml'): CatalogueIssue[] {
  try {
    parseCatalogue(source, file);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogueError);
    expect((e as Error).message).not.toMatch(/\n\s+at /); // no stack trace in the message
    return (e as CatalogueError).issues;
  }
  throw new Error('expected the catalogue to be rejected');
}

describe('the checked-in catalogue', () => {
  const { measures } = loadCatalogueFile();
  const count = (pred: (m: (typeof measures)[number]) => boolean) => measures.filter(pred).length;

  test('holds at least 40 measures of every category', () => {
    expect(measures.length).toBeGreaterThanOrEqual(40);
    for (const category of ['ADMINISTRATIVE', 'MARKET', 'INDUSTRY', 'SOCIAL', 'SPECIAL', 'INCENTIVE']) expect(count((m) => m.category === category)).toBeGreaterThan(0);
  });

  test('holds the five association measures of 000 序号18', () => {
    const means = measures.filter((m) => m.category === 'INDUSTRY').map((m) => m.means);
    expect(means).toEqual(expect.arrayContaining(['警告', '行业内通报批评', '公开谴责', '不予接纳', '劝退']));
  });

  test('BLACK + market-supervision has mandatory punishments for procurement and approval', () => {
    const entry = [{ id: 'e', listType: 'BLACK', domain: 'market-supervision' }];
    for (const purpose of ['GOVERNMENT_PROCUREMENT', 'ADMINISTRATIVE_APPROVAL']) {
      const found = applicableMeasures(entry, measures, purpose);
      expect(found.some((a) => a.measure.mandatory && a.measure.kind === 'PUNISHMENT')).toBe(true);
    }
  });

  test('RED has incentives for administrative approval', () => {
    const found = applicableMeasures([{ id: 'e', listType: 'RED', domain: 'tax' }], measures, 'ADMINISTRATIVE_APPROVAL');
    expect(found.map((a) => a.measure.means)).toEqual(expect.arrayContaining(['优先办理', '绿色通道', '容缺受理']));
  });

  test('court enforcement measures cite memorandum 发改财金〔2016〕141号', () => {
    expect(measures.find((m) => m.id === 'P-SPC-05')).toMatchObject({ memorandum: '发改财金〔2016〕141号', domains: ['court-enforcement'] });
  });
});

describe('a bad file is rejected naming file, line, entry, key and rule', () => {
  test('unknown enum value', () => {
    const issues = issuesOf(SOURCE.replace('category: MARKET\n', 'category: MARKETS\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ where: 'measures[18] (P-MKT-01).category', rule: 'UNKNOWN_ENUM_VALUE' });
    expect(issues[0].message).toContain('"MARKETS"');
    expect(SOURCE.split('\n')[issues[0].line! - 1]).toContain('category: MARKET');
  });

  test('unknown value inside a list names the position', () => {
    const issues = issuesOf(SOURCE.replace('purposes: [JUDICIAL, DAILY_SUPERVISION]', 'purposes: [JUDICIAL, COURT_WORK]'));
    expect(issues[0]).toMatchObject({ where: 'measures[38] (P-SPC-05).purposes[1]', rule: 'UNKNOWN_ENUM_VALUE' });
  });

  test('duplicate id', () => {
    const issues = issuesOf(SOURCE.replace('id: P-ADM-02\n', 'id: P-ADM-01\n'));
    expect(issues).toEqual([expect.objectContaining({ where: 'measures[1] (P-ADM-01).id', rule: 'DUPLICATE_ID' })]);
    expect(issues[0].message).toContain('measures[0]');
  });

  test('missing field, unknown key and kind/category mismatch', () => {
    const source = `version: "t"\nmeasures:\n  - id: P-ADM-01\n    kind: PUNISHMENT\n    mandatory: true\n    category: INCENTIVE\n    description: 从严审核行政审批项目\n    legalBasis: 000 序号11\n    implementingDepartment: 各相关部门\n    listTypes: [BLACK]\n    domains: []\n    purposes: [ADMINISTRATIVE_APPROVAL]\n    colour: red\n`;
    const issues = issuesOf(source);
    expect(issues.map((i) => [i.where, i.rule])).toEqual(
      expect.arrayContaining([
        ['measures[0] (P-ADM-01).means', 'REQUIRED'],
        ['measures[0] (P-ADM-01)', 'UNKNOWN_KEY'],
      ]),
    );
    const fixed = issuesOf(source.replace('    colour: red\n', '    means: 从严审核\n'));
    expect(fixed).toEqual([expect.objectContaining({ where: 'measures[0] (P-ADM-01).category', rule: 'KIND_CATEGORY_MISMATCH', line: 6 })]);
  });

  test('YAML syntax errors, an empty list and a missing file', () => {
    expect(issuesOf('version: "1"\nmeasures: [\n')[0].rule).toBe('YAML_SYNTAX');
    expect(issuesOf('version: "1"\nmeasures: []\n')[0]).toMatchObject({ where: 'measures', rule: 'REQUIRED' });
    expect(() => loadCatalogueFile('/nonexistent/catalogue.yaml')).toThrow(/\/nonexistent\/catalogue\.yaml.*FILE_UNREADABLE/s);
  });

  test('the error message starts with the file and names each problem on its own line', () => {
    expect.assertions(2);
    try {
      parseCatalogue(SOURCE.replace('category: MARKET\n', 'category: MARKETS\n'), 'ops/catalogue.yaml');
    } catch (e) {
      expect((e as Error).message).toMatch(/^measure catalogue ops\/catalogue\.yaml is invalid/);
      expect((e as Error).message).toMatch(/ops\/catalogue\.yaml:\d+: measures\[18\] \(P-MKT-01\)\.category: unknown value "MARKETS".*\[rule UNKNOWN_ENUM_VALUE\]/);
    }
  });
});
