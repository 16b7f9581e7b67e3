import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { reportRows } from '../support/access-log-db';
import { startStack, type Stack } from '../support/stack';

// The printable credit report (001 Art. 29) in a real browser: GET /report on the gateway, signed in as
// demo-person, renders the same GraphQL data the API gives, prints to PDF, and loads nothing from
// anywhere but the gateway.
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  stack = await startStack('e2e_report_page');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack.stop();
});

const SELF = DEMO_SUBJECT.legalRepresentativeIdNumber;

/** More records than the report's first page holds, submitted by the department and carried to natural-persons by the outbox. */
const RECORDS = 25;
async function givePersonRecords(): Promise<void> {
  const records = Array.from({ length: RECORDS }, (_, k) => k + 1).map((i) => ({
    subjectType: 'NATURAL_PERSON', subjectId: SELF, subjectName: '万诺平', category: i % 2 ? 'SUPERVISION' : 'ENFORCEMENT',
    sourceDepartment: '静安区市场监督管理局', title: `报告页测试记录 ${i}`, content: `第 ${i} 条记录的内容`, decidedOn: `2026-0${1 + (i % 9)}-${String(i).padStart(2, '0')}`,
    public: false, dishonest: i % 5 === 0, provider: DEMO_ORGS.department.org, providerRecordId: `report-page-${i}`, item: i % 2 ? 'NP-SUPERVISION' : 'NP-ENFORCEMENT',
  }));
  const res = await stack.query(`mutation S($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { accepted forwarded } }`, { variables: { r: records }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  expect(res.data.submitCreditRecords).toEqual({ accepted: RECORDS, forwarded: RECORDS });
  for (let waited = 0; waited < 20_000; waited += 250) {
    const count = await stack.query(`query C($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { creditRecords { totalCount } } }`, { variables: { n: SELF }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
    if (count.data?.naturalPerson?.creditRecords.totalCount >= RECORDS) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the outbox did not deliver the records within 20 s');
}

test('demo-person signs in, gets its report with its records, prints it to PDF; only the gateway is contacted', async () => {
  await givePersonRecords();
  // What the API says about the person, to compare the page with.
  const api = await stack.query(`query P($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { id name creditRecords(first: 100) { totalCount edges { node { title sourceDepartment } } } listEntries(activeOnly: false) { listType } } }`,
    { variables: { n: SELF }, clientId: 'demo-person', purpose: 'SELF_QUERY' });
  expect(api.errors).toBeUndefined();
  const person = api.data.naturalPerson;
  expect(person.creditRecords.totalCount).toBe(RECORDS);

  const context = await browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const token = await stack.token('demo-person');
  const shell = await page.goto(`${stack.gateway.url}/report`);
  // The browser itself refuses to load or call anything but the gateway.
  expect(shell!.headers()['content-security-policy']).toContain("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'");
  await page.selectOption('#subject-type', 'NATURAL_PERSON');
  await page.fill('#subject-code', SELF);
  await page.fill('#token', token);
  await page.click('#sign-in-button');
  await page.click('#issue');
  await page.waitForSelector('#report h1');

  const text = await page.innerText('#report');
  expect(text).toContain(person.name);
  expect(text).toContain(SELF);
  expect(text).toContain('Free of charge');
  // Every record, the first page in the report's answer and the rest read after it.
  expect(await page.locator('#report section:nth-of-type(2) tbody tr').count()).toBe(RECORDS);
  for (const { node } of person.creditRecords.edges) {
    expect(text).toContain(`${node.title}\n`);
    expect(text).toContain(node.sourceDepartment);
  }
  expect(await page.locator('#report section h2').allInnerTexts()).toEqual([
    '1 · Identity', `2 · Credit records (${person.creditRecords.totalCount})`, '3 · List entries', '4 · Measures that apply',
    '5 · Objections and repairs', expect.stringMatching(/^6 · Who queried this information \(\d+\)$/),
  ]);
  // The page's report is the one the gateway issued; the token is in sessionStorage, never in the URL.
  const issued = await reportRows(person.id);
  expect(issued).toHaveLength(1);
  expect(text).toContain(issued[0].id);
  expect(await page.evaluate("sessionStorage.getItem('credit-report.sign-in')")).toContain(token);
  expect(requested.some((u) => u.includes(token))).toBe(false);

  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'credit-report-demo-person.pdf');
  await page.emulateMedia({ media: 'print' });
  expect(await page.isVisible('#sign-in, #signed-in')).toBe(false);
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  await page.screenshot({ path: join(ARTIFACTS, 'credit-report-demo-person.png'), fullPage: true });
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

  const origin = new URL(stack.gateway.url).origin;
  expect(requested.length).toBeGreaterThanOrEqual(5); // page, script, style, the report, its records' second page
  expect(requested.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  await context.close();
}, 60_000);

test('a third report of the year is marked not free on the page', async () => {
  process.env.CREDIT_TODAY = '2034-05-01';
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.gateway.url}/report`);
    await page.selectOption('#subject-type', 'NATURAL_PERSON');
    await page.fill('#subject-code', SELF);
    await page.fill('#token', await stack.token('demo-person'));
    await page.click('#sign-in-button');
    const fees: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate("document.getElementById('report').replaceChildren()");
      await page.click('#issue');
      fees.push(await page.locator('#fee').innerText());
    }
    expect(fees.map((f) => f.startsWith('Free'))).toEqual([true, true, false]);
    await context.close();
  } finally {
    delete process.env.CREDIT_TODAY;
  }
}, 60_000);

test('another person\'s report shows the refusal, not data', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.gateway.url}/report`);
  await page.selectOption('#subject-type', 'LEGAL_PERSON');
  await page.fill('#subject-code', DEMO_SUBJECT.uscc);
  await page.fill('#token', await stack.token('demo-person'));
  await page.click('#sign-in-button');
  await page.click('#issue');
  await page.waitForSelector('#status.error');
  expect(await page.innerText('#status')).toContain('FORBIDDEN');
  expect(await page.innerText('#report')).toBe('');
  await context.close();
}, 60_000);
