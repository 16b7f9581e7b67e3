process.env.NODE_ENV = 'test';
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
