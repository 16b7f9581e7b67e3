/** @type {import('jest').Config} */
// The hostile suite (test/hostile): generated operations × every demo client, ≥ 10,000 requests; CI runs it after `npm test`.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/hostile'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 30 * 60 * 1000,
  setupFiles: ['<rootDir>/test/support/env.ts'],
};
