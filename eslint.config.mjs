// Lint of the service (src) and the web front end (web/src), run by `npm test` before the suites (scripts/test.mjs)
// and by `npm run lint`. typescript-eslint's type-aware recommended rules; the React hooks rules for the web. A rule
// switched off or down below says why. There is no suppressions baseline: every finding fails.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** SQL only in *.repository.ts (README "Structure"): a query call anywhere else in the service. */
const SQL_OUTSIDE_REPOSITORY = {
  selector: "CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]",
  message: 'SQL lives only in *.repository.ts (one repository per aggregate): call the module\'s repository, or another module\'s exported service',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed parameters and rest siblings are deliberately unused (e.g. a handler's fixed signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off: an async method that implements a Promise-returning signature (Nest guards and throttlers, scheduler hooks,
      // CLI commands) need not await anything; the compiler already checks the Promise types it returns.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/database/**', 'src/cli/**', 'src/common/prepared-query.ts', 'src/**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', SQL_OUTSIDE_REPOSITORY] },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // exhaustive-deps is a warning in the preset; an error here, so a new effect with missing dependencies fails npm test
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Only src and web/src are linted (npm test names them); plain JS files elsewhere are not type-checked.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { URL: 'readonly', process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable' },
    },
  },
);
