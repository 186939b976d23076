// Lint rules, including the layering the codebase relies on: resources reach vendors only
// through the registry, nothing shipped imports the sandbox, and sdk/ takes only types from
// provider/. In flat config a later block's rule *replaces* an earlier block's setting of the
// same rule for the files both match, so every block below repeats the patterns it inherits
// (test/unit/lint-layering.test.ts proves each one still fires).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const noSandbox = { group: ["**/sandbox/**", "**/sandbox"], message: "Shipped code must not import the sandbox." };
const vendorsThroughRegistry = {
  group: ["**/vendors/*/**", "!**/vendors/registry"],
  message: "Resources reach vendors only through provider/vendors/registry.",
};
// A vendor folder imports its own files, `../shared/…` and `../vendor` (the neutral interface),
// never another vendor's folder: what two vendors share moves to `vendors/shared/`.
const vendorsApart = {
  regex: "^\\.\\./(?!shared/)[^./][^/]*/",
  message: "A vendor folder does not import another vendor's folder; share through provider/vendors/shared/.",
};
const restrictedImports = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".tools/", ".pulumi-home/", "**/programs/**/*.js", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["provider/**/*.ts", "sdk/**/*.ts"],
    rules: {
      ...restrictedImports(noSandbox),
      "no-restricted-syntax": [
        "error",
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message: "Throw a HostingBackupsError subclass, not a bare Error.",
        },
      ],
    },
  },
  {
    // The functions, the report and the policy pack read vendors as the resources do: through the registry.
    files: [
      "provider/resources/**/*.ts",
      "provider/functions/**/*.ts",
      "provider/report/**/*.ts",
      "provider/policy-pack/**/*.ts",
    ],
    rules: restrictedImports(noSandbox, vendorsThroughRegistry),
  },
  {
    files: ["provider/vendors/*/**/*.ts"],
    ignores: ["provider/vendors/shared/**"],
    rules: restrictedImports(noSandbox, vendorsApart),
  },
  {
    // The SDK is what a program loads: it may describe provider shapes (types, erased at
    // build) but must not load provider code into the program's process.
    files: ["sdk/**/*.ts"],
    rules: restrictedImports(noSandbox, {
      group: ["**/provider/**", "**/provider"],
      allowTypeImports: true,
      message: "sdk/ imports only types from provider/ (import type).",
    }),
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: {
        fetch: "readonly",
        require: "readonly",
        module: "writable",
        exports: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
