import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The server serves dist/ at `/` and falls back to index.html for every non-API path.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // @steward/core is pure by rule (no I/O, nothing done on import), so a module of it whose
    // exports the app does not use can go: the verifiers come without the dataset catalogue.
    rolldownOptions: { treeshake: { moduleSideEffects: [{ test: /[\\/]packages[\\/]core[\\/]src[\\/]/, sideEffects: false }] } },
  },
  // `npm run dev -w @steward/web` next to `steward serve` (port 8080 by default).
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
