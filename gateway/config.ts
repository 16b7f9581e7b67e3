import type { KeyFiles } from '../subgraphs/kit/protocol/keys';
import { settings } from '../subgraphs/kit/protocol/settings';
import type { JwksSource } from './plugins/authentication';
import type { GatewayOptions } from './index';

// Gateway options from the environment, validated (README "Configuration").
export function gatewayOptionsFromEnv(keys: KeyFiles, env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  const s = settings(env);
  let jwks: JwksSource = keys.demoJwks;
  if (s.JWKS_URL) jwks = { url: s.JWKS_URL };
  else if (s.JWKS_FILE) jwks = { file: s.JWKS_FILE };
  else if (s.NODE_ENV === 'production') throw new Error('JWKS_URL or JWKS_FILE must be set when NODE_ENV=production (the demo issuer is for development only)');
  return {
    port: s.PORT,
    host: s.HOST,
    keys,
    jwks,
    issuer: s.JWT_ISSUER,
    audience: s.JWT_AUDIENCE,
    authorizationMode: s.AUTHORIZATION_MODE,
  };
}
