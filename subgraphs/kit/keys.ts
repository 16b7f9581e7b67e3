import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

// Key material. In production every key comes from a file named by an environment variable;
// in development missing keys are generated once under <DATA_DIR>/keys so `npm start` needs nothing.
export interface KeyFiles {
  /** Gateway → subgraph identity signing (Ed25519). */
  identityPrivate: KeyLike;
  identityPublic: KeyLike;
  /** 32 bytes behind the natural-person pseudonym (HMAC) and id-number encryption (AES-GCM). */
  subjectKey: Buffer;
  /** Development token issuer (ES256); its public half is the JWKS the gateway trusts by default. */
  demoIssuerPrivate: JWK & { kid: string };
  demoJwks: { keys: JWK[] };
}

export function dataDir(): string {
  return process.env.DATA_DIR ?? join(process.cwd(), 'data');
}

function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

function readOrCreate(path: string, create: () => Promise<string>): Promise<string> {
  if (existsSync(path)) return Promise.resolve(readFileSync(path, 'utf8'));
  if (isProduction()) throw new Error(`key file ${path} is missing (keys are never generated when NODE_ENV=production)`);
  return create().then((text) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text, { mode: 0o600 });
    return text;
  });
}

async function keyPairJson(alg: 'EdDSA' | 'ES256', kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  return JSON.stringify({ ...(await exportJWK(privateKey)), alg, kid }, null, 2);
}

function publicHalf(jwk: JWK): JWK {
  const { d: _d, ...pub } = jwk;
  return pub;
}

let cached: Promise<KeyFiles> | undefined;

/** Loads (or in development creates) all keys once per process. */
export function loadKeys(dir = join(dataDir(), 'keys')): Promise<KeyFiles> {
  cached ??= (async () => {
    const env = process.env;
    const identityJwk = JSON.parse(
      await readOrCreate(env.IDENTITY_PRIVATE_KEY_FILE ?? join(dir, 'identity.private.jwk.json'), () => keyPairJson('EdDSA', 'identity-1')),
    ) as JWK;
    const subjectKey = Buffer.from(
      await readOrCreate(env.SUBJECT_KEY_FILE ?? join(dir, 'subject.key'), async () => randomBytes(32).toString('base64')),
      'base64',
    );
    if (subjectKey.length !== 32) throw new Error('subject key must be 32 bytes, base64-encoded');
    // In production the demo issuer lives only in memory: nothing trusts it (JWKS_URL/JWKS_FILE are required).
    const demoFile = join(dir, 'demo-issuer.private.jwk.json');
    const demoIssuerPrivate = JSON.parse(
      isProduction() && !existsSync(demoFile) ? await keyPairJson('ES256', 'demo-issuer-1') : await readOrCreate(demoFile, () => keyPairJson('ES256', 'demo-issuer-1')),
    ) as JWK & { kid: string };
    return {
      identityPrivate: (await importJWK(identityJwk, 'EdDSA')) as KeyLike,
      identityPublic: (await importJWK(publicHalf(identityJwk), 'EdDSA')) as KeyLike,
      subjectKey,
      demoIssuerPrivate,
      demoJwks: { keys: [publicHalf(demoIssuerPrivate)] },
    };
  })();
  return cached;
}
