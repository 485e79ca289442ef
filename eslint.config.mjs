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

/** scripts/ run on their own: what they share with tests lives in scripts/ (fakes) or src/local/ (the dev stand-ins). */
const NO_TESTS_FROM_SCRIPTS = {
  group: ['../', '../../', '../../../'].flatMap((up) => [`${up}test`, `${up}test/*`]),
  message: 'scripts/ may not import from test/: move what both need to scripts/ or src/local/.',
};

/** Storage is the bottom layer: from src/storage/ (or its ports/), only src/domain/ and src/aggregation/ are below it. */
function storageLooksDown(up) {
  return {
    group: [`${up}*`, `!${up}domain`, `!${up}domain/*`, `!${up}aggregation`, `!${up}aggregation/*`],
    message:
      'src/storage/ imports nothing above it: move the shared type down (src/domain/ or src/storage/ports/) or pass the value in as an option.',
  };
}

/** The botbuilder edge reaches features, never the other way round; only the composition root wires it in. */
const FEATURES_BELOW_THE_EDGE = {
  group: ['**/bot', '**/bot/*', '**/dialogs', '**/dialogs/*'],
  message: 'features take plain inputs and return view data: they may not use src/bot/ or dialogs/ (the edge).',
};

/** The composition root and the HTTP server: the only files outside the edge that wire it in. */
const WIRING = ['src/app.ts', 'src/app-options.ts', 'src/server.ts', 'src/index.ts', 'src/compose-*.ts'];

/** Lazy loading, where deliberate: the production entry (after the settings are read) and Azure Monitor (only if set). */
const DYNAMIC_IMPORT_ALLOWED = ['src/index.ts', 'src/telemetry/start-telemetry.ts', 'scripts/**/*.ts'];

/** The dashboard tab's browser code: bundled by Vite from devDependencies, and lazy-loaded view by view. */
const DASHBOARD_WEB = 'src/dashboard/web/**';

export default defineConfig(
  globalIgnores(['lib/', 'node_modules/', 'coverage/', 'appPackage/build/', 'deploy/']),
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [eslint.configs.recommended, tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits fails silently or crashes the process with an unhandled rejection.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // import() escapes no-restricted-imports, so the layering rules below would not see it.
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    ignores: [...DYNAMIC_IMPORT_ALLOWED, DASHBOARD_WEB],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression',
          message: 'import() is kept for deliberate lazy loading (see eslint.config.mjs).',
        },
      ],
    },
  },
  {
    // A production install (npm ci --omit=dev) has only `dependencies`; features reach Cosmos DB only through the
    // ports in src/storage/ports/, and botbuilder only through src/bot/ and dialogs/.
    files: ['src/**/*.ts'],
    ignores: ['src/local/**', 'src/storage/**', 'src/bot/**', DASHBOARD_WEB, ...WIRING],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PRODUCTION_ONLY, COSMOS_IN_STORAGE_ONLY, BOTBUILDER_AT_THE_EDGE, FEATURES_BELOW_THE_EDGE] },
      ],
    },
  },
  {
    files: WIRING,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PRODUCTION_ONLY, COSMOS_IN_STORAGE_ONLY, BOTBUILDER_AT_THE_EDGE] },
      ],
    },
  },
  {
    // Local runs and tests: the embedded server and the Playground, but Cosmos DB and botbuilder only as the app uses them.
    files: ['src/local/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [COSMOS_IN_STORAGE_ONLY, BOTBUILDER_AT_THE_EDGE] }] },
  },
  {
    // The botbuilder edge: the turn, its plumbing, and the dialogs.
    files: ['src/bot/**/*.ts', 'dialogs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PRODUCTION_ONLY, COSMOS_IN_STORAGE_ONLY] }] },
  },
  {
    // Storage is the bottom layer: it knows documents and Cosmos DB, and imports nothing of the features above it.
    files: ['src/storage/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PRODUCTION_ONLY, storageLooksDown('../'), BOTBUILDER_AT_THE_EDGE] },
      ],
    },
  },
  {
    files: ['src/storage/ports/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PRODUCTION_ONLY, storageLooksDown('../../'), COSMOS_IN_STORAGE_ONLY, BOTBUILDER_AT_THE_EDGE] },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TESTS_FROM_SCRIPTS] }] },
  },
  {
    // Small files that say what they are: the real line count, blank lines and comments included.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'dialogs/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
);
