import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The compliance console, built into dist/console and served by the gateway at /console
 * (docs/console.md). Vite 8 compiles TSX itself (Oxc); the JSX runtime is React's automatic one.
 */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // The SMS segment counter is the compliance engine's own (pure, no I/O): one rule, one place.
    // The API's answers are the contracts' types (libs/contracts/src/api-views.ts), shared with the gateway.
    alias: { '@optout/compliance': here('../../libs/compliance/src'), '@optout/contracts': here('../../libs/contracts/src') },
  },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // No inline <script> or style: the gateway's CSP allows only files from its own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  logLevel: 'warn',
});
