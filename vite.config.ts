// Builds the inspector UI into dist/renderer, served as static files by the headless API server and loaded by the
// Electron window. Relative base so the same build works from http://127.0.0.1:<port>/ and from a file/app URL.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The CSP allows no inline script: keep the module preload polyfill (an inline script) out.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
