import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The gateway serves the built SPA and owns /auth, /api and /.well-known; in development
// the dev server forwards those to it so the SPA keeps using same-origin relative URLs.
const gateway = process.env.POLKU_GATEWAY_URL ?? "http://127.0.0.1:8000";
const proxiedPrefixes = ["/auth", "/api", "/.well-known"];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(proxiedPrefixes.map((prefix) => [prefix, { target: gateway }])),
  },
  preview: {
    proxy: Object.fromEntries(proxiedPrefixes.map((prefix) => [prefix, { target: gateway }])),
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test-setup.ts"],
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
    restoreMocks: true,
  },
});
