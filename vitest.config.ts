import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/deno/**", "node_modules/**"],
    testTimeout: 60_000,
    // The CLI tests run the built CLI as a process: build dist/ once before any test file runs. The
    // temp folder of every test is a folder of the run inside the project (test/support/temp-folder.ts).
    globalSetup: ["test/cli/global-setup.ts", "test/support/temp-folder.ts"],
  },
});
