// ESLint for the web app (flat config). What it guards beyond typescript-eslint's and
// react-hooks' recommended rules:
//
// - The import layers of docs/web.md: shared code (lib, components, hooks, config, types,
//   testing) → features → app. Shared code imports no feature and no app module; a feature
//   imports no other feature and nothing from app. The one exception is src/testing/render.tsx,
//   which renders inside the app's own providers (src/app/provider.tsx).
// - Only tests import src/testing.
// - Query keys come from the factories in src/lib/query-keys.ts, never array literals.
// - No line over 120 columns (.editorconfig); Prettier formats, this catches what it cannot
//   break (long strings and class lists).

import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const shared = ['./src/lib', './src/components', './src/hooks', './src/config', './src/types', './src/testing'];

const layerZones = [
  // Shared code is below features and app.
  ...shared.map((target) => ({
    target,
    from: './src/features',
    message: 'Shared code must not import a feature; pass data in from the app layer instead.',
  })),
  ...shared.map((target) => ({
    target,
    from: './src/app',
    except: target === './src/testing' ? ['./provider.tsx'] : [],
    message: 'Shared code must not import from src/app.',
  })),
  // Features are below app and beside each other.
  { target: './src/features', from: './src/app', message: 'A feature must not import from src/app.' },
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features do not import each other: compose them in a page under src/app/routes.',
  })),
];

const testFiles = ['src/**/*.test.{ts,tsx}', 'src/testing/**'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'import/no-restricted-paths': ['error', { zones: layerZones }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/lib/query-keys.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Property[key.name=/^(queryKey|mutationKey)$/] > ArrayExpression.value',
          message: 'Take query keys from the factories in src/lib/query-keys.ts.',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(setQueryData|getQueryData|getQueryState|setQueriesData|' +
            'getQueriesData|fetchQuery|prefetchQuery|ensureQueryData)$/] > ArrayExpression:first-child',
          message: 'Take query keys from the factories in src/lib/query-keys.ts.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/testing', '@/testing/*'], message: 'Only tests import src/testing.' }] },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  prettier,
  {
    rules: {
      // After eslint-config-prettier, which turns it off: Prettier wraps code, this catches the rest.
      'max-len': ['error', { code: 120, tabWidth: 2, ignoreUrls: false }],
    },
  },
);
