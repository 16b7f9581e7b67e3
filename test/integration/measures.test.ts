import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { measures } from '../../subgraphs/measures';
import { DEFAULT_CATALOGUE_FILE, loadCatalogueFile } from '../../subgraphs/measures/catalogue';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

let keys: KeyFiles;
let sub: RunningSubgraph;
let dbUrl: string;
const admin = testCaller();
const call = (query: string, variables?: Record<string, unknown>, caller = admin) => callSubgraph(sub.url, 'measures', keys, query, variables, caller);
const CATALOGUE = loadCatalogueFile();

beforeAll(async () => {
  keys = await testKeys();
  dbUrl = await freshDatabase('measures');
  sub = await startSubgraph(measures, { port: 0, keys, mysqlUrl: dbUrl });
});
afterAll(() => sub.stop());

describe('catalogue queries', () => {
  const ids = async (filter: Record<string, unknown>) => (await call(`query($f: MeasureFilter) { measures(filter: $f) { id } }`, { f: filter })).data.measures.map((m: { id: string }) => m.id);

  test('the seed imported the whole file, ordered by id, with its version', async () => {
    expect(await ids({})).toEqual(CATALOGUE.measures.map((m) => m.id));
    const res = await call(`{ measureCatalogue { version measureCount checksum } }`);
    expect(res.data.measureCatalogue).toEqual({ version: CATALOGUE.version, measureCount: CATALOGUE.measures.length, checksum: CATALOGUE.checksum });
  });

  test('measure(id) answers every field, null when unknown', async () => {
    const res = await call(`{ m: measure(id: "P-SPC-05") { id kind mandatory category description means legalBasis memorandum implementingDepartment listTypes domains purposes } none: measure(id: "P-XXX-99") { id } }`);
    expect(res.data.m).toMatchObject({ id: 'P-SPC-05', kind: 'PUNISHMENT', mandatory: true, category: 'SPECIAL', memorandum: '发改财金〔2016〕141号', listTypes: ['BLACK'], domains: ['court-enforcement'] });
    expect(res.data.none).toBeNull();
  });

  test('every filter field narrows the catalogue', async () => {
    const expected = (pred: (m: (typeof CATALOGUE.measures)[number]) => boolean) => CATALOGUE.measures.filter(pred).map((m) => m.id);
    expect(await ids({ kind: 'INCENTIVE' })).toEqual(expected((m) => m.kind === 'INCENTIVE'));
    expect(await ids({ mandatory: true })).toEqual(expected((m) => m.mandatory));
    expect(await ids({ category: 'INDUSTRY' })).toEqual(['P-IND-01', 'P-IND-02', 'P-IND-03', 'P-IND-04', 'P-IND-05', 'P-IND-06', 'P-IND-07']);
    expect(await ids({ listType: 'KEY_ATTENTION' })).toEqual(expected((m) => m.listTypes.includes('KEY_ATTENTION')));
    expect(await ids({ domain: 'court-enforcement', category: 'SPECIAL' })).toContain('P-SPC-05');
    expect(await ids({ domain: 'market-supervision', category: 'SPECIAL' })).toEqual(['P-SPC-01']);
    expect(await ids({ purpose: 'COMMENDATION', kind: 'PUNISHMENT' })).toEqual(['P-ADM-12', 'P-SPC-07']);
    expect(await ids({ kind: 'PUNISHMENT', mandatory: true, listType: 'BLACK', domain: 'market-supervision', purpose: 'GOVERNMENT_PROCUREMENT' })).toEqual(['P-ADM-10']);
  });
});

const APPLICABLE = `query($r: [_Any!]!, $p: QueryPurpose!) { _entities(representations: $r) {
  ... on LegalPerson { applicableMeasures(purpose: $p) { measure { id kind mandatory } listEntry { id } suspended suspensionReason } }
  ... on NaturalPerson { applicableMeasures(purpose: $p) { measure { id } listEntry { id } suspended suspensionReason } } } }`;
const entry = (id: string, listType: string, domain: string, suspended = false, reason: string | null = null) => ({ id, listType, domain, punishmentSuspension: { suspended, reason } });

describe('applicableMeasures through @requires', () => {
  test('500 representations cost one SELECT (the catalogue, read once per request)', async () => {
    const r = Array.from({ length: 500 }, (_, i) => ({
      __typename: 'LegalPerson', uscc: `uscc-${i}`, callerMayRead: true,
      activeListEntries: i % 2 === 0 ? [entry(`le-${i}`, 'BLACK', 'market-supervision', i % 4 === 0, i % 4 === 0 ? '异议核实中' : null)] : [entry(`le-${i}`, 'RED', 'tax')],
    }));
    sub.counter.start();
    const res = await call(APPLICABLE, { r, p: 'GOVERNMENT_PROCUREMENT' });
    const statements = sub.counter.stop();
    expect(res.errors).toBeUndefined();
    expect(statements.filter((s) => /^\s*SELECT/i.test(s))).toHaveLength(1);
    const [held, black, red] = [res.data._entities[0], res.data._entities[2], res.data._entities[1]];
    expect(black.applicableMeasures.map((a: any) => a.measure.id)).toEqual(['P-ADM-10', 'P-ADM-16', 'P-MKT-04']);
    expect(black.applicableMeasures[0]).toEqual({ measure: { id: 'P-ADM-10', kind: 'PUNISHMENT', mandatory: true }, listEntry: { id: 'le-2' }, suspended: false, suspensionReason: null });
    expect(held.applicableMeasures.every((a: any) => a.suspended === true && a.suspensionReason === '异议核实中')).toBe(true);
    expect(red.applicableMeasures.map((a: any) => [a.measure.id, a.suspended])).toEqual([['I-ADM-10', false], ['I-MKT-03', false]]);
  });

  test('mandatory first, punishment before incentive, then id, across a subject\'s entries', async () => {
    const r = [{ __typename: 'LegalPerson', uscc: 'x', callerMayRead: true, activeListEntries: [entry('red', 'RED', 'tax', true, 'x'), entry('blk', 'BLACK', 'market-supervision')] }];
    const res = await call(APPLICABLE, { r, p: 'ADMINISTRATIVE_APPROVAL' });
    const got = res.data._entities[0].applicableMeasures.map((a: any) => `${a.measure.mandatory ? 'M' : 'R'}:${a.measure.kind[0]}:${a.measure.id}:${a.suspended}`);
    expect(got).toEqual([
      'M:P:P-ADM-02:false', 'M:P:P-ADM-07:false', 'M:P:P-ADM-13:false', 'M:P:P-SPC-01:false', 'M:I:I-ADM-01:false',
      'R:P:P-ADM-06:false', 'R:P:P-ADM-08:false', 'R:P:P-ADM-11:false', 'R:P:P-ADM-15:false',
      'R:I:I-ADM-02:false', 'R:I:I-ADM-03:false', 'R:I:I-ADM-04:false', 'R:I:I-ADM-05:false',
    ]);
  });

  test('natural persons on the court-enforcement list get the 141号 measures; no entries, no measures', async () => {
    const r = [
      { __typename: 'NaturalPerson', id: 'np-1', activeListEntries: [entry('nle-1', 'BLACK', 'court-enforcement')] },
      { __typename: 'NaturalPerson', id: 'np-2', activeListEntries: [] },
    ];
    const res = await call(APPLICABLE, { r, p: 'JUDICIAL' });
    expect(res.data._entities[0].applicableMeasures.map((a: any) => a.measure.id)).toEqual(['P-SPC-05', 'P-MKT-02']);
    expect(res.data._entities[1].applicableMeasures).toEqual([]);
  });
});


describe('npm run measures:import', () => {
  const run = promisify(execFile);
  const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const importFile = (file: string) =>
    run(tsx, ['scripts/measures-import.ts', file], { cwd: join(__dirname, '..', '..'), env: { ...process.env, MEASURES_DATABASE_URL: dbUrl } }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );
  const dir = mkdtempSync(join(tmpdir(), 'measures-import-'));
  const source = readFileSync(DEFAULT_CATALOGUE_FILE, 'utf8');
  const countOf = async () => (await call(`{ measures { id } }`)).data.measures.length;

  test('a bad file is refused with file, line, entry, key and rule, and changes nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, source.replace('id: P-ADM-02\n', 'id: P-ADM-01\n').replace('category: MARKET\n', 'category: MARKETS\n'));
    const result = await importFile(bad);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${bad}:`);
    expect(result.err).toMatch(/measures\[1\] \(P-ADM-01\)\.id: .*\[rule DUPLICATE_ID\]/);
    expect(result.err).toMatch(/measures\[18\] \(P-MKT-01\)\.category: unknown value "MARKETS".*\[rule UNKNOWN_ENUM_VALUE\]/);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await countOf()).toBe(CATALOGUE.measures.length);
  });

  test('a good file replaces the catalogue the running subgraph serves', async () => {
    const edited = join(dir, 'edited.yaml');
    writeFileSync(edited, source.replace('version: "2026.1"', 'version: "2026.2"').replace('means: 劝退\n', 'means: 劝退（会员大会表决）\n'));
    const result = await importFile(edited);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain('0 added, 1 changed, 0 removed');
    const res = await call(`{ measure(id: "P-IND-05") { means } measureCatalogue { version } }`);
    expect(res.data).toEqual({ measure: { means: '劝退（会员大会表决）' }, measureCatalogue: { version: '2026.2' } });
  });
});
