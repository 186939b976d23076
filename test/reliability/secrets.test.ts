/**
 * Secrets: credentials given as config secrets and as environment variables never appear in
 * `pulumi stack export` (CLI, without --show-secrets), in verbose engine logs, or in error
 * messages — including a 401 whose body echoes the Authorization header, and a wrong token.
 * Plain http:// base URLs are refused for non-loopback hosts before any connection.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VENDORS } from "../support/sandbox";
import { CALLS } from "../support/routes";
import { errorText, Results, uniqueTag } from "./helpers";

jest.setTimeout(300_000);

const program = path.join(__dirname, "../e2e/programs/backups");
let sandbox: TestSandbox;
const results = new Results("secrets");
const cleanups: TestStack[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.admin("POST", "/timing", { rateLimit: { "kinsta-create": null } });
});
afterAll(async () => {
  results.write();
  for (const t of cleanups) await t.cleanup();
  await sandbox?.close();
});

/** Every credential the seed holds, in every spelling a leak could take. */
function secretSpellings(): string[] {
  const { seed } = sandbox;
  const basic = Buffer.from(`${seed.wpengine.user}:${seed.wpengine.password}`).toString("base64");
  return [...sandbox.secrets(), basic];
}

function leaks(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

/** Where each leak sits (120 characters around it, the secret itself masked), for the report. */
function leakContexts(text: string, secrets: string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    for (let i = text.indexOf(secret); i >= 0 && out.size < 20; i = text.indexOf(secret, i + 1)) {
      out.add(
        text
          .slice(Math.max(0, i - 120), i + secret.length + 60)
          .split(secret)
          .join("<SECRET>")
          .replace(/\s+/g, " "),
      );
    }
  }
  return [...out];
}

function allBackups(tag: string) {
  return Object.fromEntries(
    VENDORS.map((v) => [`${v}-${tag}`, { target: sandbox.target(v), description: tag, ...requiredBackupArgs(v) }]),
  );
}

describe.each([
  ["config secrets", "config"],
  ["environment variables", "env"],
] as const)("credentials as %s", (_title, how) => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(program, {
      envVars: { ...sandbox.urlEnv(), ...(how === "env" ? sandbox.credentialEnv() : {}) },
      config: how === "config" ? sandbox.credentialConfig() : undefined,
    });
    cleanups.push(t);
  });

  it("never appear in verbose engine logs, provider diagnostics or the exported state", async () => {
    await t.stack.setConfig("e2e-backups:backups", { value: JSON.stringify(allBackups(uniqueTag("s"))) });
    let output = "";
    const up = await t.stack.up({
      logVerbosity: 9,
      logToStdErr: true,
      logFlow: true,
      debug: true,
      onOutput: (s) => (output += s),
      onError: (s) => (output += s),
    });
    const text = [output, up.stdout, up.stderr].join("\n");
    const exported = await t.exportText();
    const refresh = await t.stack.refresh({ logVerbosity: 9, logToStdErr: true, logFlow: true, debug: true });
    const destroy = await t.stack.destroy({ logVerbosity: 9, logToStdErr: true, logFlow: true, debug: true });
    const all = [text, refresh.stdout, refresh.stderr, destroy.stdout, destroy.stderr].join("\n");
    // Pulumi >= 3.249 also keeps automatic logs of every run under PULUMI_HOME/logs: stack runs
    // encrypted with the stack's secrets provider (PLOG), others gzipped. Read them as a user
    // who shares one would: decrypted by `pulumi logs decrypt`.
    const logDir = path.join(t.stateDir, "home", "logs");
    const logFiles = fs.readdirSync(logDir).map((f) => path.join(logDir, f));
    const automaticLogs = (await Promise.all(logFiles.map((f) => t.cli(["logs", "decrypt", f])))).join("\n");
    results.add({
      case: `credentials as ${how}: verbose up/refresh/destroy (-v=9, --logflow, --debug) and stack export`,
      logBytes: all.length,
      exportBytes: exported.length,
      leaksInLogs: leaks(all, secretSpellings()).length,
      leaksInExport: leaks(exported, secretSpellings()).length,
      leakContexts: leakContexts(all, secretSpellings()),
      automaticLogFiles: logFiles.length,
      automaticLogBytes: automaticLogs.length,
      leaksInAutomaticLogs: leaks(automaticLogs, secretSpellings()).length,
    });
    expect(all.length).toBeGreaterThan(10_000); // the verbose log really was captured
    expect(automaticLogs).toContain("hosting-backups"); // the automatic logs really were read
    // Pulumi 3.276 redacts config secrets in its own verbose log too (3.248 printed them).
    expect(leaks(all, secretSpellings())).toEqual([]);
    expect(leaks(automaticLogs, secretSpellings())).toEqual([]);
    if (how === "config") {
      // At the default verbosity (with --debug) nothing leaks.
      let quiet = "";
      await t.stack.setConfig("e2e-backups:backups", { value: JSON.stringify(allBackups(uniqueTag("q"))) });
      const quietUp = await t.stack.up({ debug: true, onOutput: (s) => (quiet += s), onError: (s) => (quiet += s) });
      quiet += quietUp.stderr;
      await t.stack.destroy();
      results.add({
        case: "credentials as config: up --debug at default verbosity (4 backups)",
        leaks: leaks(quiet, secretSpellings()).length,
      });
      expect(leaks(quiet, secretSpellings())).toEqual([]);
    }
    expect(leaks(exported, secretSpellings())).toEqual([]);
  });

  it("a 401 whose body echoes the Authorization header does not leak it into the error", async () => {
    const { seed } = sandbox;
    const basic = Buffer.from(`${seed.wpengine.user}:${seed.wpengine.password}`).toString("base64");
    const echoes = {
      kinsta: { status: 401, message: `Invalid token: Bearer ${seed.kinsta.apiKey}`, data: null },
      wpengine: { message: `Bad credentials: Basic ${basic} (${seed.wpengine.user}:${seed.wpengine.password})` },
      vpsorg: { detail: `Invalid token ${seed.vpsorg.token}` },
      northflank: { error: { message: `token ${seed.northflank.token} is not valid`, id: "req-echo" } },
    };
    await t.stack.setConfig("e2e-backups:backups", { value: JSON.stringify(allBackups(uniqueTag("e"))) });
    for (const v of VENDORS) await sandbox.fault({ ...CALLS.createBackup[v], count: 1, status: 401, body: echoes[v] });
    let text = "";
    try {
      // Without continueOnError the engine stops starting creates after the first failure,
      // so under load some vendors' creates would never run.
      await t.stack.up({ continueOnError: true });
    } catch (error) {
      text = errorText(error);
    }
    await sandbox.clearFaults();
    const errors = [
      ...new Set(
        text
          .split("\n")
          .filter((l) => /error: .*HTTP 401/.test(l))
          .map((l) => l.trim()),
      ),
    ];
    results.add({
      case: `credentials as ${how}: 401 echoing the credential, on create, all four vendors`,
      errors,
      leaks: leaks(text, secretSpellings()).length,
      leakContexts: leakContexts(text, secretSpellings()),
    });
    for (const name of ["Kinsta", "WP Engine", "VPS.org", "Northflank"])
      expect(errors.some((l) => l.includes(`error: ${name} startBackup failed with HTTP 401`))).toBe(true);
    expect(leaks(text, secretSpellings())).toEqual([]);
    expect(text).toContain("[redacted]");
    await t.stack.destroy();
  });
});

describe("a wrong token", () => {
  it("is rejected by the vendor and not echoed", async () => {
    const wrong = "vps_wrong_token_0123456789";
    const t = await createTestStack(program, {
      envVars: sandbox.urlEnv(),
      config: { "hosting-backups:vpsorgApiToken": { value: wrong, secret: true } },
    });
    cleanups.push(t);
    await t.stack.setConfig("e2e-backups:backups", {
      value: JSON.stringify({ w: { target: sandbox.target("vpsorg"), description: "wrong token" } }),
    });
    let text = "";
    try {
      await t.stack.up({ debug: true, onOutput: (s) => (text += s) });
    } catch (error) {
      text += errorText(error);
    }
    const line = text.split("\n").find((l) => /error: VPS\.org .*failed with HTTP 401/.test(l));
    results.add({
      case: "wrong VPS.org token (config secret)",
      error: line?.trim(),
      leaks: text.includes(wrong) ? 1 : 0,
      leakContexts: leakContexts(text, [wrong]),
    });
    expect(line).toBeDefined();
    expect(text).not.toContain(wrong);
    expect(await t.exportText()).not.toContain(wrong);
  });
});

describe("plain http:// base URLs", () => {
  it.each([
    ["KINSTA_API_URL (environment)", "kinsta", { env: { KINSTA_API_URL: "http://10.0.0.1/kinsta/v2" } }],
    [
      "hosting-backups:vpsorgApiUrl (config)",
      "vpsorg",
      { config: { "hosting-backups:vpsorgApiUrl": { value: "http://192.168.1.10/vpsorg/api/v1" } } },
    ],
    ["a named account's baseUrl", "northflank", { account: "client-a" }],
  ] as const)("%s on a non-loopback host is refused before any request", async (_title, vendor, how) => {
    const env: Record<string, string> = {
      ...sandbox.urlEnv(),
      ...sandbox.credentialEnv(),
      ...("env" in how ? how.env : {}),
    };
    const config: Record<string, { value: string; secret?: boolean }> = { ...("config" in how ? how.config : {}) };
    if ("account" in how) {
      config["hosting-backups:accounts"] = {
        value: JSON.stringify({
          "client-a": {
            vendor: "northflank",
            token: sandbox.seed.northflank.token,
            baseUrl: "http://203.0.113.7/northflank/v1",
          },
        }),
        secret: true,
      };
    }
    const t = await createTestStack(program, { envVars: env, config });
    cleanups.push(t);
    await t.stack.setConfig("e2e-backups:backups", {
      value: JSON.stringify({
        h: {
          target: sandbox.target(vendor),
          description: "http refused",
          ...("account" in how ? { account: how.account } : {}),
          ...requiredBackupArgs(vendor),
        },
      }),
    });
    await sandbox.clearRequests();
    const started = Date.now();
    let text = "";
    try {
      await t.stack.up();
    } catch (error) {
      text = errorText(error);
    }
    const ms = Date.now() - started;
    const line = text.split("\n").find((l) => l.includes("must use https://"));
    results.add({
      case: `plain http:// via ${_title}`,
      error: line?.trim(),
      vendorRequests: (await sandbox.requests()).length,
      ms,
    });
    expect(line).toMatch(
      /base URL: must use https:\/\/ \(plain http:\/\/ is allowed only for loopback addresses\), got http:\/\//,
    );
    expect(await sandbox.requests()).toEqual([]);
    // Refused before connecting: no connect attempt, so no 10 s connect timeout and no retries.
    expect(text).not.toMatch(/could not connect|could not reach/);
  });
});
