// Type-aware lint: the rules conventions.md asks for (no floating promises, exhaustive switches).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '**/generated/**',
      'coverage/**',
      '.data/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      // Interfaces imported as values break decorator metadata under swc's ESM output: import them as types.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      'bench/**/*.ts',
      'tools/**/*.ts',
      'apps/**/main.ts',
      'dashboards/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  // Layering (conventions.md): apps → tools → services → libs, and no service imports another;
  // libs are reached only through their public surface (@cchc/<lib>).
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', '**/apps/**', '**/tools/**', '**/bench/**', '**/dashboards/**'],
              message: 'A lib depends on other libs only (apps → tools → services → libs).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['services/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*/src/**', '../../../*/src/**', '../../../../*/src/**', '**/services/**'],
              message: 'A service never imports another service: share through @cchc/contracts and NATS.',
            },
            {
              group: ['**/apps/**', '**/tools/**', '**/bench/**', '**/dashboards/**'],
              message: 'A service depends on libs only (apps → tools → services → libs).',
            },
            {
              group: ['**/libs/*/src/**'],
              message: 'Import a lib through its public surface: @cchc/<lib>.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'Tools never import apps (apps → tools → services → libs).' },
          ],
        },
      ],
    },
  },
);
