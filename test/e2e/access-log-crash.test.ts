import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK } from 'jose';
import { DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { envPrefix, SUBGRAPHS } from '../../subgraphs/kit/protocol/topology';
import { logRows } from '../support/access-log-db';
import { ROOT } from '../support/matrix';
import { startStack, type Stack } from '../support/stack';

// Durability by synchronous commit: the gateway answers only after the entries are committed, so a
// gateway process killed (SIGKILL, no shutdown) at any moment leaves every answer it gave in the log.
let stack: Stack;
let dir: string;
let child: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The stack's keys as files, so a separate gateway process signs identities the subgraphs accept. */
async function keyDir(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'access-log-crash-'));
  mkdirSync(join(d, 'keys'));
  const k = stack.keys;
  writeFileSync(join(d, 'keys', 'identity.private.jwk.json'), JSON.stringify({ ...(await exportJWK(k.identityPrivate!)), alg: 'EdDSA', kid: 'identity-1' }));
  writeFileSync(join(d, 'keys', 'service.private.jwk.json'), JSON.stringify({ ...(await exportJWK(k.servicePrivate)), alg: 'EdDSA', kid: 'service-1' }));
  writeFileSync(join(d, 'keys', 'subject.key'), k.subjectKey.toString('base64'));
  writeFileSync(join(d, 'keys', 'demo-issuer.private.jwk.json'), JSON.stringify(k.demoIssuerPrivate));
  return d;
}

beforeAll(async () => {
  stack = await startStack('e2e_access_log_crash');
  dir = await keyDir();
}, 180_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('SIGKILL while answering: every answer the client received is in the log', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent', ACCESS_LOG_DATABASE_URL: process.env.ACCESS_LOG_DATABASE_URL };
  for (const { name } of SUBGRAPHS) env[`${envPrefix(name)}_URL`] = `${stack.subgraphs[name].url}/graphql`;
  // node itself (tsx as a loader, not its CLI wrapper), so the SIGKILL hits the gateway's own process.
  child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'gateway', 'main.ts')], { env, cwd: ROOT, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/health`).then((r) => r.ok, () => false))) break;
    if (i > 300) throw new Error('the gateway child did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const token = await stack.token('demo-department');
  const query = `query Q($uscc: USCC!) { legalPerson(uscc: $uscc) { dishonestRecordCount } }`;
  const answered: string[] = [];
  let failed = 0;
  const requests = Array.from({ length: 300 }, (_, i) => {
    const requestId = `crash-${process.pid}-${i}`;
    return fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'DAILY_SUPERVISION', 'x-request-id': requestId },
      body: JSON.stringify({ query, variables: { uscc: i % 2 ? DEMO_SUBJECT.uscc : legalPersonAt(i % 50).uscc } }),
    }).then(async (res) => {
      const body = (await res.json()) as { data?: { legalPerson: unknown } };
      if (!body.data?.legalPerson) throw new Error('no data');
      answered.push(requestId);
      if (answered.length === 20) child!.kill('SIGKILL'); // mid-flight: some answered, some not yet
    }).catch(() => failed++);
  });
  await Promise.all(requests);
  expect(answered.length).toBeGreaterThanOrEqual(20);
  expect(failed).toBeGreaterThan(0);
  const logged = new Set((await logRows("request_id LIKE ?", [`crash-${process.pid}-%`])).map((r) => r.request_id));
  const lost = answered.filter((id) => !logged.has(id));
  console.log(`killed mid-flight: ${answered.length} answered, ${failed} cut off, ${logged.size} logged, ${lost.length} answered but not logged`);
  expect(lost).toEqual([]);
}, 120_000);
