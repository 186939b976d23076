const os = require("node:os");

/** One jest project per ring; `npm test` runs them all, `--selectProjects <name>` one ring. */
const ring = (displayName, roots) => ({
  displayName,
  preset: "ts-jest",
  testEnvironment: "node",
  roots: roots.map((r) => `<rootDir>/${r}`),
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/programs/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
});

/** @type {import('jest').Config} */
module.exports = {
  // End-to-end files mostly wait (on the engine, polls, injected delays): two workers even
  // on 2 cores, where jest's default would be one.
  maxWorkers: Math.max(2, os.cpus().length - 1),
  projects: [
    ring("unit", ["test/unit"]),
    ring("contract", ["test/contract", "test/sandbox"]),
    ring("e2e", ["test/e2e"]),
    ring("reliability", ["test/reliability"]),
  ],
};
