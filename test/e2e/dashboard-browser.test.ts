/// <reference lib="dom" />
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { lastClosedDay } from '../../subgraphs/access-log/summary';
import { startStack, type Stack } from '../support/stack';

// The association dashboard and the HTML report in a real browser (Debian chromium): the association
// signs in with its token (session storage, never a URL) and sees its members' figures and charts; the
// report page opens from a file and loads nothing from anywhere. Screenshots go to test-artifacts/.
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startStack('e2e_dashboard');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Every request the page makes, and every console error (a CSP violation is one). */
function watch(page: Page): { requests: string[]; errors: string[] } {
  const seen = { requests: [] as string[], errors: [] as string[] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(e.message));
  return seen;
}

/** Whether a canvas holds any drawn (non-transparent) pixel. */
const drawn = (page: Page, selector: string) => page.$eval(selector, (c) => {
  const canvas = c as HTMLCanvasElement;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
  return false;
});

test('demo-association signs in to /dashboard and sees its members, their figures and drawn charts', async () => {
  // Some queries about members first, so the query charts have something to show: moved to the last finished UTC
  // day, as the association's counts are of finished days only (subgraphs/access-log/statistics.ts).
  const closed = lastClosedDay();
  for (const uscc of ['91310106W97GQ2NP1W']) {
    const res = await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { dishonestRecordCount } }`, { variables: { u: uscc }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
    expect(res.errors).toBeUndefined();
    await stack.subgraphs['access-log'].db.query('UPDATE access_log SET at = ? WHERE subject_id = ?', [`${closed} 12:00:00.000`, uscc]);
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  const seen = watch(page);
  await page.goto(`${stack.gateway.url}/dashboard`);
  const token = await stack.token('demo-association');
  await page.fill('#token', token);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });

  const rows = await page.$$eval('#members tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  expect(rows.length).toBeGreaterThanOrEqual(20);
  for (const r of rows) {
    expect(r[1]).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
    expect(r[3]).toMatch(/^\d+$/); // dishonesty records
    expect(r[4]).toMatch(/^\d+$/); // queries this year
  }
  // (On 1 January UTC no day of the dashboard's year is over yet.)
  if (closed.startsWith(String(new Date().getUTCFullYear()))) expect(rows.some((r) => r[1] === '91310106W97GQ2NP1W' && Number(r[4]) >= 1)).toBe(true);
  for (const id of ['chart-members', 'chart-purposes', 'chart-months', 'chart-lists']) expect(await drawn(page, `#${id}`)).toBe(true);

  // The token is in session storage, never in a URL; every request stayed on the gateway's origin.
  expect(await page.evaluate(() => sessionStorage.getItem('credit-dashboard-token'))).toBe(token);
  expect(page.url()).toBe(`${stack.gateway.url}/dashboard`);
  expect(seen.requests.every((u) => u.startsWith(`${stack.gateway.url}/`) && !u.includes(token))).toBe(true);
  expect(seen.errors).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

  // Signing out forgets the token.
  await page.click('#sign-out');
  expect(await page.evaluate(() => sessionStorage.getItem('credit-dashboard-token'))).toBeNull();
  await page.close();
}, 60_000);

test('a token the gateway refuses brings back the sign-in form with its reason', async () => {
  const page = await browser.newPage();
  await page.goto(`${stack.gateway.url}/dashboard`);
  await page.fill('#token', 'not-a-token');
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#error:not([hidden])');
  expect(await page.textContent('#error')).toContain('UNAUTHENTICATED');
  expect(await page.evaluate(() => sessionStorage.getItem('credit-dashboard-token'))).toBeNull();
  await page.close();
});

test('npm run report writes the text tables and an HTML page that loads no remote resource and draws its charts', async () => {
  const file = join(ARTIFACTS, 'report.html');
  const year = new Date().getFullYear();
  const token = await stack.token('demo-admin');
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/report.ts', '--year', String(year), '--html', file, '--url', `${stack.gateway.url}/graphql`, '--token', token], { cwd: join(__dirname, '..', '..') });
  expect(stdout).toContain(`Records collected in ${year} by category`);
  expect(stdout).toMatch(/DAILY_SUPERVISION 日常监管/);
  const html = readFileSync(file, 'utf8');
  // No element refers to anything outside the file.
  expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  expect(html).toContain('Content-Security-Policy');

  const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
  const seen = watch(page);
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-charts-drawn="5"]');
  expect(seen.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
  for (const id of ['records', 'purposes', 'months', 'lists', 'objections']) expect(await drawn(page, `#${id}`)).toBe(true);
  expect(seen.errors).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
  await page.close();
}, 90_000);
