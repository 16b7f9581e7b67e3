import type { KeyFiles } from '../subgraphs/kit/protocol/keys';
import type { JwksSource } from './authentication';
import type { AuthorizationMode } from './authorization/authorizing-gateway';
import type { GatewayOptions } from './index';

function authorizationMode(value: string | undefined): AuthorizationMode {
  if (value === undefined || value === 'filter' || value === 'reject' || value === 'dry-run') return value ?? 'filter';
  throw new Error(`AUTHORIZATION_MODE must be filter, reject or dry-run, not "${value}"`);
}

// Gateway settings from the environment (README "Configuration").
export function gatewayOptionsFromEnv(keys: KeyFiles, env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  let jwks: JwksSource = keys.demoJwks;
  if (env.JWKS_URL) jwks = { url: env.JWKS_URL };
  else if (env.JWKS_FILE) jwks = { file: env.JWKS_FILE };
  else if (env.NODE_ENV === 'production') throw new Error('JWKS_URL or JWKS_FILE must be set when NODE_ENV=production (the demo issuer is for development only)');
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST,
    keys,
    jwks,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    authorizationMode: authorizationMode(env.AUTHORIZATION_MODE),
  };
}
