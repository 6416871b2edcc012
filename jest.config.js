// Tests run on the machine's Node.js; the SDK's notice about its future minimum Node version
// is noise there (the handlers themselves run on Lambda's latest Node.js runtime).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Builds assets/handler (the bundled custom-resource handlers) once per run.
  globalSetup: '<rootDir>/test/global-setup.ts',
  // The emulator tests start servers; give them room on a 2-core machine.
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
