/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The hostile suite has its own config (jest.hostile.config.js, `npm run test:hostile`).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/hostile/'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 120000,
  setupFiles: ['<rootDir>/test/support/env.ts'],
};
