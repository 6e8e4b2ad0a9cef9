import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/deno/**", "node_modules/**"],
    testTimeout: 60_000,
    // The CLI tests run the built CLI as a process: build dist/ once before any test file runs.
    globalSetup: ["test/cli/global-setup.ts"],
  },
});
