import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

// The platform UI, served by the Worker as static assets (wrangler.toml [assets]).
export default defineConfig({
  root: here,
  plugins: [react()],
  // Two pages: the platform UI, and the small host page of published apps (/a/:aId/).
  build: {
    outDir: `${here}/dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { main: `${here}/index.html`, host: `${here}/host.html` } },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8787" } },
});
