import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

// Key material. In production every key comes from a file named by an environment variable;
// in development missing keys are generated once under <DATA_DIR>/keys so `npm start` needs nothing.
export interface KeyFiles {
  /** Gateway → subgraph identity signing (Ed25519); a subgraph needs only the public half. */
  identityPrivate: KeyLike | null;
  identityPublic: KeyLike;
  /** Subgraph → subgraph calls (outbox, entity lookups), valid only for SERVICE callers. */
  servicePrivate: KeyLike;
  servicePublic: KeyLike;
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
    // A subgraph deployment may hold only the gateway's public key (IDENTITY_PUBLIC_KEY_FILE).
    const publicOnly = env.IDENTITY_PUBLIC_KEY_FILE && !env.IDENTITY_PRIVATE_KEY_FILE;
    const identityJwk = publicOnly
      ? null
      : (JSON.parse(await readOrCreate(env.IDENTITY_PRIVATE_KEY_FILE ?? join(dir, 'identity.private.jwk.json'), () => keyPairJson('EdDSA', 'identity-1'))) as JWK);
    // The gateway never signs as a service: in production it may run without the service key (kept in memory, trusted by nothing).
    const serviceFile = env.SERVICE_PRIVATE_KEY_FILE ?? join(dir, 'service.private.jwk.json');
    const serviceJwk = JSON.parse(
      isProduction() && !existsSync(serviceFile) ? await keyPairJson('EdDSA', 'service-1') : await readOrCreate(serviceFile, () => keyPairJson('EdDSA', 'service-1')),
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
      identityPrivate: identityJwk ? ((await importJWK(identityJwk, 'EdDSA')) as KeyLike) : null,
      identityPublic: (await importJWK(identityJwk ? publicHalf(identityJwk) : (JSON.parse(readFileSync(env.IDENTITY_PUBLIC_KEY_FILE!, 'utf8')) as JWK), 'EdDSA')) as KeyLike,
      servicePrivate: (await importJWK(serviceJwk, 'EdDSA')) as KeyLike,
      servicePublic: (await importJWK(publicHalf(serviceJwk), 'EdDSA')) as KeyLike,
      subjectKey,
      demoIssuerPrivate,
      demoJwks: { keys: [publicHalf(demoIssuerPrivate)] },
    };
  })();
  return cached;
}
