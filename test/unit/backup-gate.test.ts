import { checkGateInputs } from "../../provider/resources/gate/inputs";
import { diffGate } from "../../provider/resources/gate/diff";
import { UNKNOWN } from "../../provider/resources/shared/check";

const env = "c84ce214-69b9-4a32-8e67-880672cf1d38";
const kinstaEntry = {
  name: "shop",
  id: `kinsta/${env}/backups:add-manual-4c8b6b0e`,
  marker: "1a2b3c4d",
  operationId: "backups:add-manual-4c8b6b0e",
};
const vpsEntry = { name: "web", id: "vpsorg/12345/987", marker: "0f0f0f0f" };

describe("BackupGate check", () => {
  it("accepts entries of several vendors and fills the timeout", () => {
    const { inputs, failures } = checkGateInputs({ backups: [kinstaEntry, vpsEntry] });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ backups: [kinstaEntry, vpsEntry], timeout: "60m" });
  });

  it("names each bad entry's property and rule", () => {
    expect(checkGateInputs({ backups: [] }).failures).toEqual([
      { property: "backups", reason: "must list at least one backup" },
    ]);
    expect(checkGateInputs({ backups: [{ ...vpsEntry, id: "nightly" }] }).failures).toEqual([
      { property: "backups[0].id", reason: expect.stringContaining('must be a Backup resource id such as "kinsta/') },
    ]);
    expect(checkGateInputs({ backups: [{ ...vpsEntry, marker: "hb:0f0f" }] }).failures).toEqual([
      { property: "backups[0].marker", reason: expect.stringContaining("8 hexadecimal digits") },
    ]);
    expect(checkGateInputs({ backups: [vpsEntry, { ...vpsEntry, name: "again" }] }).failures).toEqual([
      { property: "backups[1].id", reason: "repeats backups[0].id" },
    ]);
    expect(checkGateInputs({ backups: [vpsEntry], timeout: "soon" }).failures).toEqual([
      { property: "timeout", reason: expect.stringContaining("must be a duration") },
    ]);
  });

  it("lets values still unknown in a preview pass (the ids of backups not taken yet)", () => {
    const { failures } = checkGateInputs({ backups: [{ name: "web", id: UNKNOWN, marker: UNKNOWN }] });
    expect(failures).toEqual([]);
    expect(checkGateInputs({ backups: UNKNOWN }).failures).toEqual([]);
  });
});

describe("BackupGate diff", () => {
  const olds = { backups: [vpsEntry], timeout: "60m", status: "completed" };

  it("another list of backups is another gate (replacement)", () => {
    expect(diffGate(olds, { backups: [{ ...vpsEntry, id: "vpsorg/12345/988" }], timeout: "60m" })).toMatchObject({
      changes: true,
      replaces: ["backups"],
    });
  });

  it("the timeout changes in place; nothing else changes nothing", () => {
    expect(diffGate(olds, { backups: [vpsEntry], timeout: "2h" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(diffGate(olds, { backups: [vpsEntry], timeout: "60m" }).changes).toBe(false);
  });

  it("a gate a refresh found incomplete is replaced: the next up waits again", () => {
    expect(diffGate({ ...olds, status: "incomplete" }, { backups: [vpsEntry], timeout: "60m" })).toMatchObject({
      changes: true,
      replaces: ["status"],
    });
  });
});

describe("BackupGate diff after a refresh resolved a Kinsta backup", () => {
  const olds = {
    backups: [kinstaEntry, vpsEntry],
    timeout: "60m",
    status: "completed",
    completedBackups: [
      { name: "shop", backupId: "4242", status: "completed" },
      { name: "web", backupId: "987", status: "completed" },
    ],
  };
  const resolved = { name: "shop", id: `kinsta/${env}/4242`, marker: "1a2b3c4d" };

  it("the backup id the gate saw complete is the same backup: no new gate", () => {
    expect(diffGate(olds, { backups: [resolved, vpsEntry], timeout: "60m" }).changes).toBe(false);
  });

  it("a creation time a refresh rewrote (the vendor's own) is the same backup", () => {
    const refreshed = { ...vpsEntry, createdAt: "2026-12-07T21:00:00.000Z" };
    expect(diffGate(olds, { backups: [resolved, refreshed], timeout: "60m" }).changes).toBe(false);
  });

  it("another backup id, another target or another marker is another gate", () => {
    for (const other of [
      { ...resolved, id: `kinsta/${env}/4243` },
      { ...resolved, id: "kinsta/0e0e0e0e-0000-4000-8000-000000000001/4242" },
      { ...resolved, marker: "ffffffff" },
    ]) {
      expect(diffGate(olds, { backups: [other, vpsEntry], timeout: "60m" })).toMatchObject({ replaces: ["backups"] });
    }
  });
});
