import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { IMPORT_NODE_ARGS, generatedUscc, registerCompanies } from '../../scripts/bench/import-data';
import { applyRecordDecision } from '../../subgraphs/kit/credit-records/decision';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import { makeResidentId } from '../../subgraphs/kit/protocol/codes';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { legalPersons } from '../../subgraphs/legal-persons';
import { naturalPersons } from '../../subgraphs/natural-persons';
import { freshDatabase } from '../support/mysql';

// npm run import as a child process: natural-person lines (by resident id number) go to the natural-persons
// database under their NaturalPerson.id, and the registries load through the same command (--registry).
const ROOT = join(__dirname, '..', '..');
const PROVIDER = DEMO_ORGS.department.org;
const dir = mkdtempSync(join(tmpdir(), 'import-persons-'));
const keyFile = join(dir, 'subject.key');
const subjectKey = randomBytes(32);
writeFileSync(keyFile, subjectKey.toString('base64'));
let lpUrl: string;
let npUrl: string;
let lp: Connection;
let np: Connection;

beforeAll(async () => {
  [lpUrl, npUrl] = await Promise.all([freshDatabase('import_persons_lp'), freshDatabase('import_persons_np')]);
  await (await openDatabase(legalPersons.database, lpUrl)).dataSource.destroy();
  [lp, np] = await Promise.all([createConnection(lpUrl), createConnection(npUrl)]);
  await registerCompanies(lp, 10);
});
afterAll(() => Promise.all([lp.end(), np.end()]));

function runImport(file: string, args: string[]): Promise<{ code: number | null; report: any; stderr: string }> {
  const child = spawn(process.execPath, [...IMPORT_NODE_ARGS, file, '--database-url', lpUrl, '--natural-persons-database-url', npUrl, '--no-progress', ...args], {
    cwd: ROOT, env: { ...process.env, SUBJECT_KEY_FILE: keyFile },
  });
  let [out, err] = ['', ''];
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, report: code === 0 ? JSON.parse(out) : null, stderr: err })));
}
const jsonl = (name: string, lines: unknown[]) => {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
};
const one = async (conn: Connection, sql: string, params: unknown[] = []) => ((await conn.query(sql, params))[0] as Record<string, unknown>[]);

const [known, fresh, nameless] = [makeResidentId('310104', '19800101', '013'), makeResidentId('310104', '19900202', '024'), makeResidentId('310104', '19950303', '035')];
const personRecord = (id: string, idNumber: string, extra: Record<string, unknown> = {}) => ({
  subjectType: 'NATURAL_PERSON', subjectId: idNumber, category: 'CONTRACT_PERFORMANCE', sourceDepartment: DEMO_ORGS.department.name, title: '拖欠工资', content: '拖欠工资三个月',
  decidedOn: '2026-03-01', public: false, dishonest: true, providerRecordId: id, item: 'NP-CONTRACT-PERFORMANCE', ...extra,
});
const companyRecord = (id: string, uscc: string) => ({
  subjectType: 'LEGAL_PERSON', subjectId: uscc, category: 'SUPERVISION', sourceDepartment: DEMO_ORGS.department.name, title: '行政处罚决定', content: '罚款',
  decidedOn: '2026-03-01', public: false, dishonest: true, providerRecordId: id, item: 'LP-SUPERVISION',
});

test('natural-person lines: stored under NaturalPerson.id, unknown persons registered by subjectName, the others rejected by rule', async () => {
  const registry = jsonl('people.jsonl', [{ idNumber: known, name: '张已知' }]);
  const people = await runImport(registry, ['--registry', 'natural-persons']);
  expect(people.stderr).toBe('');
  expect(people.report).toMatchObject({ lines: 1, created: 1, rejected: 0 });

  const file = jsonl('mixed.jsonl', [
    personRecord('np-1', known),
    personRecord('np-2', fresh, { subjectName: '李新' }),
    personRecord('np-3', fresh),
    personRecord('np-4', nameless),
    personRecord('np-5', '310104199001010000', { subjectName: '王错' }),
    companyRecord('lp-1', generatedUscc(1)),
  ]);
  const run = await runImport(file, ['--provider', PROVIDER]);
  expect(run.stderr).toBe('');
  expect(run.report).toMatchObject({
    lines: 6, matchedAndStored: 4, created: 4, rejected: 2, naturalPersonsRegistered: 1, bySubjectType: { LEGAL_PERSON: 1, NATURAL_PERSON: 3 },
    rejectsByRule: { REQUIRED_FOR_UNKNOWN_SUBJECT: 1, RESIDENT_ID_CHECK_CHARACTER: 1 },
  });
  expect(run.report.sampleRejects).toEqual([
    expect.objectContaining({ line: 4, field: 'subjectName', rule: 'REQUIRED_FOR_UNKNOWN_SUBJECT' }),
    expect.objectContaining({ line: 5, field: 'subjectId', rule: 'RESIDENT_ID_CHECK_CHARACTER' }),
  ]);
  // No resident id number is stored in the clear: records carry the pseudonym, the registry its ciphertext.
  const records = await one(np, 'SELECT provider_record_id AS p, subject_id AS s FROM credit_record ORDER BY provider_record_id');
  expect(records).toEqual([{ p: 'np-1', s: naturalPersonId(subjectKey, known) }, { p: 'np-2', s: naturalPersonId(subjectKey, fresh) }, { p: 'np-3', s: naturalPersonId(subjectKey, fresh) }]);
  const registered = await one(np, 'SELECT id, name, id_number_encrypted AS enc FROM natural_person ORDER BY name');
  expect(registered.map((r) => r.name).sort()).toEqual(['张已知', '李新']);
  for (const r of registered) expect(String(r.enc)).not.toContain('310104');
  expect(await one(lp, 'SELECT provider_record_id AS p FROM credit_record')).toEqual([{ p: 'lp-1' }]);

  // Started over: every stored line is UNCHANGED, nothing new in either database.
  const again = await runImport(file, ['--provider', PROVIDER, '--restart']);
  expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: 4, naturalPersonsRegistered: 0 });
  expect((await one(np, 'SELECT COUNT(*) AS n FROM credit_record'))[0].n).toBe(3);
}, 60_000);

test('--registry legal-persons: registers, then updates; a new representative keeps the old term; memberships', async () => {
  const uscc = generatedUscc(500);
  const [first, second] = [makeResidentId('310106', '19700101', '011'), makeResidentId('310106', '19800202', '021')];
  const company = { uscc, name: '上海导入登记有限公司', organizationType: 'ENTERPRISE', registrationAuthority: '静安区市场监督管理局', adminDivision: '310106', establishedOn: '2020-01-01', legalRepresentative: { idNumber: first, name: '李一' } };
  const v1 = jsonl('companies-1.jsonl', [company, { ...company, uscc: 'NOT-A-USCC' }, { ...company, uscc: generatedUscc(501), adminDivision: 31 }]);
  const run1 = await runImport(v1, ['--registry', 'legal-persons']);
  expect(run1.stderr).toBe('');
  expect(run1.report).toMatchObject({ lines: 3, created: 1, rejected: 2, rejectsByRule: { USCC_LENGTH: 1, REQUIRED: 1 } });

  const v2 = jsonl('companies-2.jsonl', [{ ...company, name: '上海导入登记（集团）有限公司', legalRepresentative: { idNumber: second, name: '王二' }, representativeSince: '2026-07-01' }]);
  const run2 = await runImport(v2, ['--registry', 'legal-persons']);
  expect(run2.report).toMatchObject({ lines: 1, created: 0, updated: 1, rejected: 0 });
  // The same line again: same representative, no new term.
  expect((await runImport(v2, ['--registry', 'legal-persons', '--restart'])).report).toMatchObject({ updated: 1, rejected: 0 });
  const terms = await one(lp, "SELECT person_id AS p, DATE_FORMAT(from_on, '%Y-%m-%d') AS f, DATE_FORMAT(to_on, '%Y-%m-%d') AS t FROM legal_representative_term WHERE uscc = ? ORDER BY from_on", [uscc]);
  expect(terms).toEqual([{ p: naturalPersonId(subjectKey, first), f: '2020-01-01', t: '2026-07-01' }, { p: naturalPersonId(subjectKey, second), f: '2026-07-01', t: null }]);
  expect((await one(lp, 'SELECT name FROM legal_person WHERE uscc = ?', [uscc]))[0].name).toBe('上海导入登记（集团）有限公司');

  const csv = join(dir, 'members.csv');
  writeFileSync(csv, `associationOrg,uscc,member,on\n${DEMO_ORGS.association.org},${uscc},true,2026-02-01\n${DEMO_ORGS.association.org},${generatedUscc(999)},true,2026-02-01\n`);
  const members = await runImport(csv, ['--registry', 'memberships']);
  expect(members.report).toMatchObject({ lines: 2, updated: 1, rejected: 1, rejectsByRule: { UNKNOWN_SUBJECT: 1 } });
  expect(await one(lp, 'SELECT uscc FROM association_membership WHERE association_org = ?', [DEMO_ORGS.association.org])).toEqual([{ uscc }]);
}, 60_000);

test('a corrected line updates its record and records the change; text with tabs, newlines and backslashes is stored exactly', async () => {
  const content = '第一行\t制表\n第二行 \\ 反斜杠 \\N 不是空值 \'引号\'';
  const v1 = jsonl('corrections-1.jsonl', [companyRecord('fix-1', generatedUscc(2)), { ...companyRecord('fix-2', generatedUscc(3)), content }]);
  expect((await runImport(v1, ['--provider', PROVIDER])).report).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
  const v2 = jsonl('corrections-2.jsonl', [{ ...companyRecord('fix-1', generatedUscc(2)), title: '行政处罚决定（更正）' }, { ...companyRecord('fix-2', generatedUscc(3)), content }]);
  expect((await runImport(v2, ['--provider', PROVIDER])).report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  const rows = await one(lp, "SELECT provider_record_id AS p, title, content FROM credit_record WHERE provider_record_id LIKE 'fix-%' ORDER BY provider_record_id");
  expect(rows).toEqual([{ p: 'fix-1', title: '行政处罚决定（更正）', content: '罚款' }, { p: 'fix-2', title: '行政处罚决定', content }]);
  const changes = await one(lp, "SELECT c.kind, c.fields FROM credit_record_change c JOIN credit_record r ON r.id = c.record_id WHERE r.provider_record_id = 'fix-1'");
  expect(changes).toEqual([{ kind: 'PROVIDER_CORRECTION', fields: 'title' }]);
  // The same record twice in one chunk: the second line is refused, the first stored (a later chunk would correct it).
  const twice = await runImport(jsonl('twice.jsonl', [companyRecord('twice-1', generatedUscc(4)), { ...companyRecord('twice-1', generatedUscc(4)), title: '另一标题' }]), ['--provider', PROVIDER]);
  expect(twice.report).toMatchObject({ created: 1, rejected: 1, rejectsByRule: { DUPLICATE_IN_BATCH: 1 } });
  expect(twice.report.sampleRejects).toEqual([expect.objectContaining({ line: 2, field: 'providerRecordId', rule: 'DUPLICATE_IN_BATCH' })]);
  // The correction sent again is no change, and is recorded once.
  expect((await runImport(v2, ['--provider', PROVIDER, '--restart'])).report).toMatchObject({ updated: 0, unchanged: 2 });
  expect(await one(lp, 'SELECT COUNT(*) AS n FROM credit_record_change')).toEqual([{ n: 1 }]);
}, 60_000);

test('a line restating what an objection decided CORRECTED replaced is unchanged in either database; new values are the provider\'s correction', async () => {
  const file = jsonl('objected-1.jsonl', [companyRecord('obj-1', generatedUscc(7)), personRecord('obj-2', known)]);
  expect((await runImport(file, ['--provider', PROVIDER])).report).toMatchObject({ created: 2, rejected: 0 });
  const correction = { content: '经复核，不构成失信', dishonest: false };
  const rowOf = async (conn: Connection, key: string) => (await one(conn, 'SELECT id, content, dishonest, corrected_from AS f FROM credit_record WHERE provider_record_id = ?', [key]))[0];
  for (const [conn, url, spec, key] of [[lp, lpUrl, legalPersons, 'obj-1'], [np, npUrl, naturalPersons, 'obj-2']] as const) {
    const db = (await openDatabase(spec.database, url)).dataSource;
    await applyRecordDecision(db, { id: String((await rowOf(conn, key)).id), effect: 'CORRECTED', note: '异议核实', correction, on: '2026-09-20' });
    await db.destroy();
  }
  // The provider's routine re-send: nothing written, the report says why.
  const again = await runImport(file, ['--provider', PROVIDER, '--restart']);
  expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: 2, keptAsCorrected: 2 });
  for (const [conn, key] of [[lp, 'obj-1'], [np, 'obj-2']] as const) expect(await rowOf(conn, key)).toMatchObject({ content: correction.content, dishonest: 0 });

  const own = jsonl('objected-2.jsonl', [{ ...companyRecord('obj-1', generatedUscc(7)), content: '罚款五万元' }, personRecord('obj-2', known)]);
  expect((await runImport(own, ['--provider', PROVIDER])).report).toMatchObject({ created: 0, updated: 1, unchanged: 1, keptAsCorrected: 1 });
  // The provider's own values replace the decision's, and nothing of it is remembered any more.
  expect(await rowOf(lp, 'obj-1')).toMatchObject({ content: '罚款五万元', dishonest: 1, f: null });
}, 60_000);

test('a line the database could not store as sent is a reject of that line, and the rest of the file is stored', async () => {
  const file = join(dir, 'unstorable.jsonl');
  const gbkTitle = Buffer.from([0xd0, 0xd0, 0xd5, 0xfe, 0xb4, 0xa6, 0xb7, 0xa3]); // 行政处罚 in GBK
  const [before, after] = JSON.stringify({ ...companyRecord('bad-gbk', generatedUscc(5)), title: 'TITLE' }).split('TITLE');
  const lines = [
    JSON.stringify(companyRecord('ok-1', generatedUscc(5))),
    JSON.stringify({ ...companyRecord('bad-empty-date', generatedUscc(5)), behaviourEndedOn: '' }),
    JSON.stringify({ ...companyRecord('bad-year-0', generatedUscc(5)), decidedOn: '0000-02-29' }),
    JSON.stringify(companyRecord('bad-surrogate', generatedUscc(5))).replace('"行政处罚决定"', '"行政处罚决定\\ud800"'),
    Buffer.concat([Buffer.from(before), gbkTitle, Buffer.from(after)]),
    JSON.stringify(companyRecord('ok-2', generatedUscc(5))),
  ];
  writeFileSync(file, Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from('\n')])));
  const run = await runImport(file, ['--provider', PROVIDER, '--chunk', '2']);
  expect(run.stderr).toBe('');
  expect(run.report).toMatchObject({ lines: 6, created: 2, rejected: 4, rejectsByRule: { ISO_DATE: 2, UNPAIRED_SURROGATE: 1, PARSE: 1 } });
  expect(run.report.sampleRejects.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([[2, 'behaviourEndedOn'], [3, 'decidedOn'], [4, 'title'], [5, '(line)']]);
  expect(await one(lp, "SELECT provider_record_id AS p FROM credit_record WHERE provider_record_id LIKE 'ok-%' OR provider_record_id LIKE 'bad-%' ORDER BY 1")).toEqual([{ p: 'ok-1' }, { p: 'ok-2' }]);
}, 60_000);

test('a person a chunk registers is known to the next chunk, which is prepared while the first is written', async () => {
  const idNumber = makeResidentId('310104', '19880808', '046');
  const file = jsonl('adjacent.jsonl', [personRecord('adj-1', idNumber, { subjectName: '王五' }), personRecord('adj-2', idNumber), personRecord('adj-3', idNumber)]);
  const run = await runImport(file, ['--provider', PROVIDER, '--chunk', '1']);
  expect(run.stderr).toBe('');
  expect(run.report).toMatchObject({ lines: 3, created: 3, rejected: 0, naturalPersonsRegistered: 1 });
}, 60_000);

test('a file saved as "UTF-8 with BOM" (a spreadsheet export) imports every line, CSV and JSON Lines', async () => {
  const BOM = '\ufeff';
  const csv = join(dir, 'bom.csv');
  const columns = ['subjectType', 'subjectId', 'category', 'sourceDepartment', 'title', 'content', 'decidedOn', 'public', 'dishonest', 'providerRecordId', 'item'] as const;
  const rows = ['bom-csv-1', 'bom-csv-2'].map((id) => { const r = companyRecord(id, generatedUscc(6)) as Record<string, unknown>; return columns.map((c) => String(r[c])).join(','); });
  writeFileSync(csv, `${BOM}${columns.join(',')}\n${rows.join('\n')}\n`);
  const fromCsv = await runImport(csv, ['--provider', PROVIDER]);
  expect(fromCsv.stderr).toBe('');
  expect(fromCsv.report).toMatchObject({ lines: 2, created: 2, rejected: 0 });
  const jsonLines = join(dir, 'bom.jsonl');
  writeFileSync(jsonLines, `${BOM}${JSON.stringify(companyRecord('bom-json-1', generatedUscc(6)))}\n${JSON.stringify(companyRecord('bom-json-2', generatedUscc(6)))}\n`);
  expect((await runImport(jsonLines, ['--provider', PROVIDER])).report).toMatchObject({ lines: 2, created: 2, rejected: 0 });
}, 60_000);

test('a provider record id names one record in either database: a line for the other subject type is SUBJECT_TYPE_CHANGED, in the next chunk or a later import', async () => {
  // --chunk 1: the person line is checked while the company line before it is still being written.
  const first = await runImport(jsonl('types-1.jsonl', [companyRecord('type-1', generatedUscc(7)), personRecord('type-1', known), personRecord('type-2', known)]), ['--provider', PROVIDER, '--chunk', '1']);
  expect(first.stderr).toBe('');
  expect(first.report).toMatchObject({ lines: 3, created: 2, rejected: 1, rejectsByRule: { SUBJECT_TYPE_CHANGED: 1 } });
  expect(first.report.sampleRejects).toEqual([expect.objectContaining({ line: 2, field: 'subjectType', rule: 'SUBJECT_TYPE_CHANGED' })]);
  // A later import: each database is asked for the other's keys.
  const later = await runImport(jsonl('types-2.jsonl', [companyRecord('type-2', generatedUscc(7)), personRecord('type-1', known)]), ['--provider', PROVIDER]);
  expect(later.report).toMatchObject({ lines: 2, created: 0, rejected: 2, rejectsByRule: { SUBJECT_TYPE_CHANGED: 2 } });
  expect(await one(lp, "SELECT provider_record_id AS p FROM credit_record WHERE provider_record_id LIKE 'type-%'")).toEqual([{ p: 'type-1' }]);
  expect(await one(np, "SELECT provider_record_id AS p FROM credit_record WHERE provider_record_id LIKE 'type-%'")).toEqual([{ p: 'type-2' }]);
}, 60_000);
