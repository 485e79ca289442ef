import { readFileSync } from 'node:fs';
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const { devDependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

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
    // A production install (npm ci --omit=dev) has only `dependencies`: what `npm start` loads may need nothing else.
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    ignores: ['src/local/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/local/*', '**/local'],
              message:
                'src/local/ is for local runs and tests (it loads devDependencies); production code must not import it.',
            },
            {
              group: Object.keys(devDependencies).flatMap((name) => [name, `${name}/*`]),
              message:
                'a devDependency is missing from a production install; production code may load only dependencies.',
            },
          ],
        },
      ],
    },
  },
);
