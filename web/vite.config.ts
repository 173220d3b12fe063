import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is built into dist/console, which the Go package web embeds
// (web/web.go). dist/README.md is committed, so only dist/console is emptied.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
  server: {
    // `npm run dev` proxies the API to a `make run` server.
    proxy: {
      '^/(?!src|@|node_modules).*': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
