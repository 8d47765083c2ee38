import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Built into the Python package, so `convilyn serve` (and a wheel) carries the app; served under /app.
export default defineConfig({
  base: "/app/",
  plugins: [react()],
  build: {
    outDir: "../src/convilyn/webapp/dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
  },
  server: {
    // `npm run dev` talks to a `convilyn serve` on the default port.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
});
