import { readFileSync } from 'node:fs';
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const { devDependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const PRODUCTION_ONLY = [
  {
    group: ['**/local/*', '**/local'],
    message: 'src/local/ is for local runs and tests (it loads devDependencies); production code must not import it.',
  },
  {
    group: Object.keys(devDependencies).flatMap((name) => [name, `${name}/*`]),
    message: 'a devDependency is missing from a production install; production code may load only dependencies.',
  },
];

const COSMOS_IN_STORAGE_ONLY = {
  group: ['@azure/cosmos', '@azure/cosmos/*'],
  message: '@azure/cosmos belongs in src/storage/: use the interfaces in src/storage/ports/ instead.',
};

const BOTBUILDER_AT_THE_EDGE = {
  group: ['botbuilder', 'botbuilder/*', 'botbuilder-*', 'botframework-*'],
  message: 'botbuilder stays at the edge (src/bot/ and dialogs/): features take plain inputs and return view data.',
};

/** scripts/ are shipped in lib/ and run on their own: what they share with tests belongs in src/local/. */
const NO_TESTS_FROM_SCRIPTS = {
  group: ['../', '../../', '../../../'].flatMap((up) => [`${up}test`, `${up}test/*`]),
  message: 'scripts/ may not import from test/: move what both need to src/local/.',
};

/** Folders above storage, as a file in src/storage/ or src/storage/ports/ would reach them. */
const ABOVE_STORAGE = ['pulse', 'leadership', 'privacy', 'strategy', 'bot', 'audit', 'local', 'config', 'dialogs'];

const STORAGE_LOOKS_DOWN = {
  group: ['../', '../../', '../../../'].flatMap((up) =>
    ABOVE_STORAGE.flatMap((name) => [`${up}${name}`, `${up}${name}/*`, `${up}${name}.js`]),
  ),
  message:
    'src/storage/ imports nothing above it: move the shared type down (src/domain/ or src/storage/ports/) or pass the value in as an option.',
};

export default defineConfig(
  globalIgnores(['lib/', 'node_modules/', 'coverage/', 'appPackage/build/', 'deploy/']),
  {
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits fails silently or crashes the process with an unhandled rejection.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // A production install (npm ci --omit=dev) has only `dependencies`; features reach Cosmos DB only through the
    // ports in src/storage/ports/, and botbuilder only through src/bot/ and dialogs/.
    files: ['src/**/*.ts'],
    ignores: ['src/local/**', 'src/storage/**', 'src/bot/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PRODUCTION_ONLY, COSMOS_IN_STORAGE_ONLY, BOTBUILDER_AT_THE_EDGE] },
      ],
    },
  },
  {
    // The botbuilder edge: the turn, its plumbing, and the dialogs.
    files: ['src/bot/**/*.ts', 'dialogs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PRODUCTION_ONLY, COSMOS_IN_STORAGE_ONLY] }] },
  },
  {
    // Storage is the bottom layer: it knows documents and Cosmos DB, and imports nothing of the features above it.
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PRODUCTION_ONLY, STORAGE_LOOKS_DOWN, BOTBUILDER_AT_THE_EDGE] },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TESTS_FROM_SCRIPTS] }] },
  },
  {
    // Small files that say what they are: the real line count, blank lines and comments included.
    files: ['src/**/*.ts', 'dialogs/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
);
