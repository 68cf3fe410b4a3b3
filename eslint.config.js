import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Import directions of DESIGN.md: wire ← sim ← worker (worker side); wire ← lab ← editor ← store ← ui;
// render is used by ui. `sim/model` holds the plain data model (configuration, snapshots, trace
// records, the catalogue of sysctls and explanation keys) with no behaviour: every layer may
// import it; the rest of sim/ is for the worker side and the CLI only.
const layer = (name) => [`**/${name}`, `**/${name}/**`];
const simInternals = { regex: '(^|/)sim/(?!model/)', message: 'Only the worker side and the CLI use the simulation; the layers above use sim/model.' };
const forbid = (names, message) => ({ group: names.flatMap(layer), message });
const restrict = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});
const pure = ['src/wire/**', 'src/sim/**'];

export default tseslint.config(
  { ignores: ['dist', 'test-results', 'playwright-report', 'bench/out', 'node_modules'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  restrict(['src/wire/**'], [forbid(['sim', 'lab', 'worker', 'editor', 'store', 'render', 'ui', 'embed', 'i18n', 'cli'], 'wire/ imports nothing else of ours.')]),
  restrict(['src/sim/**'], [forbid(['lab', 'worker', 'editor', 'store', 'render', 'ui', 'embed', 'i18n', 'cli'], 'sim/ imports only wire/.')]),
  restrict(['src/lab/**'], [simInternals, forbid(['worker', 'editor', 'store', 'render', 'ui', 'embed', 'cli'], 'lab/ imports only wire/, i18n/ and sim/model types.')]),
  restrict(['src/worker/client*.ts', 'src/worker/api.ts'], [simInternals, forbid(['editor', 'store', 'render', 'ui', 'embed', 'cli'], 'The page side of the worker imports no UI.')]),
  restrict(['src/worker/**'], [forbid(['editor', 'store', 'render', 'ui', 'embed', 'cli'], 'worker/ imports no UI.')]),
  restrict(['src/editor/**'], [simInternals, forbid(['store', 'render', 'ui', 'embed', 'cli'], 'editor/ imports wire/, lab/ and i18n/ only.')]),
  restrict(['src/store/**'], [simInternals, forbid(['render', 'ui', 'embed', 'cli'], 'store/ does not import render/ or ui/.')]),
  restrict(['src/render/**'], [simInternals, forbid(['store', 'ui', 'embed', 'cli', 'editor'], 'render/ is framework-free drawing used by ui/.')]),
  restrict(['src/ui/**', 'src/embed/**'], [simInternals, forbid(['cli'], 'The page never imports the CLI.')]),
  restrict(['src/i18n/**'], [forbid(['wire', 'sim', 'lab', 'worker', 'editor', 'store', 'render', 'ui', 'embed', 'cli'], 'i18n/ holds catalogs only.')]),
  {
    // The simulation and the wire formats are deterministic: no DOM, no wall clock, no Math.random.
    files: pure,
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'performance', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'navigator', 'localStorage'],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the engine\'s seeded RNG.' },
        { object: 'Date', property: 'now', message: 'Use virtual time.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'Use virtual time.' }],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
