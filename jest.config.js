const os = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  // End-to-end files mostly wait (on the engine, polls, injected delays): two workers even
  // on 2 cores, where jest's default would be one.
  maxWorkers: Math.max(2, os.cpus().length - 1),
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/programs/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
};
