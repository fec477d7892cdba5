// Builds the web console (architecture.md §9) into dist/console, which the all-in-one serves at `/`.
// Vite 8 transforms TSX itself (automatic JSX runtime from tsconfig), so no React plugin is needed.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      // React Query marks its modules "use client" for server components; meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npm run console:dev`: the API of an all-in-one running on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
