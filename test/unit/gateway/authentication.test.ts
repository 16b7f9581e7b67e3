import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createAuthenticator, DEFAULT_AUDIENCE, DEMO_ISSUER, type JwksSource } from '../../../gateway/plugins/authentication';
import { loadRegistry } from '../../../gateway/clients';

// Keys rotate without a restart, from a JWKS file or a JWKS URL.
async function issuer(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256' };
  const sign = (sub: string) =>
    new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(DEMO_ISSUER).setAudience(DEFAULT_AUDIENCE).setSubject(sub).setExpirationTime('5m').sign(privateKey);
  return { jwk, sign };
}

const registry = loadRegistry();
const authenticate = (jwks: JwksSource) => createAuthenticator({ registry, jwks });

test('a JWKS file is re-read when it changes: a rotated key is accepted, the retired one refused', async () => {
  const [oldKey, newKey] = [await issuer('k1'), await issuer('k2')];
  const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [oldKey.jwk] }));
  const auth = authenticate({ file, recheckMs: 0 });
  expect((await auth(`Bearer ${await oldKey.sign('demo-court')}`, 'r1')).kind).toBe('COURT');
  writeFileSync(file, JSON.stringify({ keys: [newKey.jwk] }));
  await new Promise((r) => setTimeout(r, 20)); // a distinct mtime
  expect((await auth(`Bearer ${await newKey.sign('demo-court')}`, 'r2')).clientId).toBe('demo-court');
  await expect(auth(`Bearer ${await oldKey.sign('demo-court')}`, 'r3')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
});

test('a JWKS URL is fetched and refetched for an unknown kid', async () => {
  const [first, second] = [await issuer('u1'), await issuer('u2')];
  let served: JWK[] = [first.jwk];
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const auth = authenticate({ url, cooldownMs: 0 });
    expect((await auth(`Bearer ${await first.sign('demo-department')}`, 'r1')).kind).toBe('DEPARTMENT');
    expect((await auth(`Bearer ${await first.sign('demo-department')}`, 'r2')).kind).toBe('DEPARTMENT');
    expect(fetches).toBe(1); // cached
    served = [first.jwk, second.jwk];
    expect((await auth(`Bearer ${await second.sign('demo-department')}`, 'r3')).kind).toBe('DEPARTMENT');
    expect(fetches).toBe(2); // refetched once, for the unknown kid
  } finally {
    server.close();
  }
});

test('a token without an expiry is refused', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'noexp', alg: 'ES256' };
  const forever = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'noexp' }).setIssuer(DEMO_ISSUER).setAudience(DEFAULT_AUDIENCE).setSubject('demo-admin').sign(privateKey);
  await expect(authenticate({ keys: [jwk] })(`Bearer ${forever}`, 'r')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
});

test('no Authorization header is the public role; a malformed one is refused', async () => {
  const auth = authenticate({ keys: [] });
  expect((await auth(undefined, 'r')).kind).toBe('PUBLIC');
  await expect(auth('Basic abc', 'r')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
});

test('a token verified once is taken again only until it expires, and a changed byte is checked afresh', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'short', alg: 'ES256' };
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'short' }).setIssuer(DEMO_ISSUER).setAudience(DEFAULT_AUDIENCE).setSubject('demo-court').setExpirationTime(now + 60).sign(privateKey);
  const auth = authenticate({ keys: [jwk] });
  expect((await auth(`Bearer ${token}`, 'r1')).clientId).toBe('demo-court');
  expect((await auth(`Bearer ${token}`, 'r2')).clientId).toBe('demo-court');
  const [head, body, signature] = token.split('.');
  const forged = `${head}.${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  await expect(auth(`Bearer ${forged}`, 'r3')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  // Only the clock is faked (past exp and the 30 s tolerance); timers and microtasks run as usual.
  jest.useFakeTimers({ now: (now + 60 + 31) * 1000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  try {
    await expect(auth(`Bearer ${token}`, 'r4')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  } finally {
    jest.useRealTimers();
  }
});

test('the verified-token cache never takes a remembered token past a rotation, nor its signature under another header', async () => {
  const [k1, k2] = [await issuer('c1'), await issuer('c2')];
  const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [k1.jwk, k2.jwk] }));
  const auth = authenticate({ file, recheckMs: 0 });
  const token = await k1.sign('demo-court');
  expect((await auth(`Bearer ${token}`, 'r1')).clientId).toBe('demo-court');
  // Same payload and signature, the header naming the other key of the set (or another algorithm): checked afresh, refused.
  const [, body, signature] = token.split('.');
  const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
  for (const h of [{ alg: 'RS256', kid: 'c2' }, { alg: 'RS256' }, { alg: 'PS256', kid: 'c1' }, { alg: 'none', kid: 'c1' }, { alg: 'HS256', kid: 'c1' }]) {
    await expect(auth(`Bearer ${header(h)}.${body}.${signature}`, 'r2')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  }
  expect((await auth(`Bearer ${token}`, 'r3')).clientId).toBe('demo-court');
  // k1 retired: the very token that was remembered is refused at once.
  writeFileSync(file, JSON.stringify({ keys: [k2.jwk] }));
  await new Promise((r) => setTimeout(r, 20));
  await expect(auth(`Bearer ${token}`, 'r4')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
});
