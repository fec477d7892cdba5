// Jest runs in its ESM mode (Node 20 cannot require() the ESM-only NestJS 12 packages from Jest's
// CommonJS sandbox); @swc/jest strips types and keeps legacy decorators with metadata for Nest.
// Type-checking is `npm run typecheck`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@cchc/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};

const projects = [
  {
    ...common,
    displayName: 'unit',
    testMatch: ['<rootDir>/{apps,services,libs,dashboards,tools,bench}/**/*.spec.ts'],
  },
  {
    ...common,
    displayName: 'e2e',
    testMatch: ['<rootDir>/{apps,services,libs,dashboards}/**/*.e2e-spec.ts'],
  },
];

// `npm run test:unit -- <path>` / `npm run test:e2e -- <path>`: JEST_PROJECT picks the tier, so a
// path given after `--` filters tests (Jest's --selectProjects would swallow it as a project name).
const selected = process.env.JEST_PROJECT
  ? projects.filter((p) => p.displayName === process.env.JEST_PROJECT)
  : projects;
if (selected.length === 0) throw new Error(`JEST_PROJECT=${process.env.JEST_PROJECT}: expected unit or e2e`);

module.exports = {
  // Global, not per project (Jest ignores it there): e2e tests start real servers.
  testTimeout: 120000,
  projects: selected,
};
