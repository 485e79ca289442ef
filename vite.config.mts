import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/dashboard/web/', import.meta.url));

/** The dashboard tab's front end: built into lib/dashboard-web with hashed assets, served under /dashboard/. */
export default defineConfig({
  root,
  base: '/dashboard/',
  // Vite's own Oxc transform compiles the TSX with React's automatic runtime (no React plugin: it conflicts on peers).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('./lib/dashboard-web/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // Fluent's packages start with "use client" (React Server Components), which means nothing in a browser bundle.
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
