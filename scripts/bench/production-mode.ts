// Imported first by scripts/bench.ts, before graphql-js loads: graphql-js decides at load time whether
// to run its development checks (instanceOf realm checks cost ~4 % of CPU in a batch check). The
// product runs with NODE_ENV=production (Dockerfile), so the bench measures that unless told otherwise.
process.env.NODE_ENV ??= 'production';
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

export const NODE_ENV = process.env.NODE_ENV;
