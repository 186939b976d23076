/**
 * The functions' argument checks (a clear error naming the field, before any API call), their
 * filters and markers; and the time bound of a resource operation on each path (the `timeout`
 * input alone on the dynamic path; the smaller of it and the engine's customTimeouts on the
 * plugin path). The functions against the sandbox and the engine: test/e2e/functions.test.ts.
 */
import { getBackups, getLatestBackup, matches } from "../../provider/functions/backups";
import type { ListedBackup } from "../../provider/functions/schema";
import { markerOf } from "../../provider/resources/shared/marked-backup";
import { timeBoundOf, withCustomTimeout } from "../../provider/resources/shared/duration";

// No credentials and no reachable API: an argument error must come before any request.
const target = { vendor: "vpsorg", serverId: "12345" };

describe("function arguments", () => {
  it.each([
    [{}, "target: is required"],
    [{ target: { vendor: "rackspace", serverId: "1" } }, 'target.vendor: must be one of "kinsta"'],
    [{ target: { vendor: "vpsorg" } }, "target.serverId:"],
    [{ target, match: { kind: "auto" } }, 'match.kind: must be one of "manual", "automatic", got "auto"'],
    [{ target, match: { descriptionPattern: "([" } }, "match.descriptionPattern: must be a valid JavaScript regular"],
    [{ target, match: { marker: "xyz" } }, "match.marker: must be 8 lowercase hex digits"],
    [{ target, match: { madeByProvider: "yes" } }, "match.madeByProvider: must be a boolean"],
    [{ target, match: { status: "done" } }, 'match.status: must be one of "pending", "running"'],
    [{ target, limit: 3 }, 'unknown property "limit"'],
  ])("getBackups(%j) fails naming the field", async (args, message) => {
    await expect(getBackups(args)).rejects.toThrow(message);
    await expect(getBackups(args)).rejects.toThrow("(getBackups arguments)");
  });

  it("getLatestBackup has no status filter: it answers completed backups only", async () => {
    await expect(getLatestBackup({ target, match: { status: "failed" } })).rejects.toThrow(
      'match.status: unknown property "status" (getLatestBackup arguments)',
    );
  });
});

const backup = (over: Partial<ListedBackup>): ListedBackup => ({
  backupId: "1",
  resourceId: "vpsorg/12345/1",
  status: "completed",
  vendorStatus: "completed",
  kind: "manual",
  madeByProvider: false,
  ...over,
});

describe("match", () => {
  const ours = backup({ description: "release v12 hb:1a2b3c4d", madeByProvider: true, marker: "1a2b3c4d" });
  const nightly = backup({ description: "nightly", kind: "automatic" });

  it.each([
    [{ descriptionContains: "v12" }, true, false],
    [{ descriptionPrefix: "night" }, false, true],
    [{ descriptionPattern: "^release v\\d+" }, true, false],
    [{ kind: "automatic" as const }, false, true],
    [{ madeByProvider: true }, true, false],
    [{ madeByProvider: false }, false, true],
    [{ marker: "1a2b3c4d" }, true, false],
    [{ status: "failed" as const }, false, false],
    [{ kind: "manual" as const, descriptionPrefix: "night" }, false, false],
  ])("%j keeps the backups that pass every filter", (match, keepsOurs, keepsNightly) => {
    expect([matches(ours, match), matches(nightly, match)]).toEqual([keepsOurs, keepsNightly]);
  });

  it("a marker is read where hasMarker finds it, not inside a longer word", () => {
    expect(markerOf("pre release hb:1A2B3C4D")).toBe("1a2b3c4d");
    expect(markerOf("hb:1a2b3c4d-pre release")).toBe("1a2b3c4d");
    expect(markerOf("xhb:1a2b3c4d")).toBeUndefined();
    expect(markerOf("hb:1a2b3c4d5")).toBeUndefined();
    expect(markerOf(undefined)).toBeUndefined();
  });
});

describe("time bound of an operation", () => {
  it("is the timeout input alone without customTimeouts (the dynamic path)", () => {
    expect(timeBoundOf("30m")).toEqual({ ms: 1_800_000, label: "timeout 30m" });
  });

  it("is the smaller of the timeout input and customTimeouts (the plugin path)", async () => {
    expect(await withCustomTimeout("create", 2, async () => timeBoundOf("60m"))).toEqual({
      ms: 2000,
      label: "customTimeouts.create 2s",
    });
    expect(await withCustomTimeout("update", 7200, async () => timeBoundOf("90s"))).toEqual({
      ms: 90_000,
      label: "timeout 90s",
    });
    expect(await withCustomTimeout("delete", 0, async () => timeBoundOf("90s"))).toEqual({
      ms: 90_000,
      label: "timeout 90s",
    });
  });
});
