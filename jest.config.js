const os = require("node:os");

/** One jest project per ring; `npm test` runs them all, `--selectProjects <name>` one ring. */
const ring = (displayName, roots, extra = {}) => ({
  displayName,
  preset: "ts-jest",
  testEnvironment: "node",
  roots: roots.map((r) => `<rootDir>/${r}`),
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/programs/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  ...extra,
});
// The rings that run Pulumi programs build the YAML and Go language hosts first (a quick
// check once built; nothing else needs them) and name the run (test/support/global-setup.ts).
const engineSetup = { globalSetup: "<rootDir>/test/support/global-setup.ts" };

/** @type {import('jest').Config} */
module.exports = {
  // End-to-end files mostly wait (on the engine, polls, injected delays): two workers even
  // on 2 cores, where jest's default would be one. `npm test` runs the e2e and reliability
  // rings on more (scripts/test.sh).
  maxWorkers: Math.max(2, os.cpus().length - 1),
  projects: [
    ring("unit", ["test/unit"]),
    ring("contract", ["test/contract", "test/sandbox"]),
    ring("e2e", ["test/e2e"], engineSetup),
    ring("reliability", ["test/reliability"], engineSetup),
  ],
};
