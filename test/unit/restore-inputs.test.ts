import { checkRestoreInputs } from "../../provider/resources/restore/inputs";
import { restoreResource } from "../../provider/resources/restore/definition";

const envId = "c84ce214-69b9-4a32-8e67-880672cf1d38";
const userId = "0b5a8d4e-1111-4c2d-8e0f-000000000001";

describe("RestoreOperation check", () => {
  it("accepts a confirmed restore", () => {
    const { failures } = checkRestoreInputs({
      target: { vendor: "kinsta", environmentId: envId },
      backupId: "123",
      confirm: envId,
      notifiedUserId: userId,
    });
    expect(failures).toEqual([]);
  });

  it("refuses a confirm that is not the target's id, saying which id it must be", () => {
    const { failures } = checkRestoreInputs({
      target: { vendor: "kinsta", environmentId: envId },
      backupId: "123",
      confirm: "production",
      notifiedUserId: userId,
    });
    expect(failures).toEqual([
      { property: "confirm", reason: expect.stringContaining(`must equal the target's id "${envId}"`) },
    ]);
  });

  it("requires confirm", () => {
    const { failures } = checkRestoreInputs({ target: { vendor: "vpsorg", serverId: "12345" }, backupId: "501" });
    expect(failures.map((f) => f.property)).toEqual(["confirm"]);
  });

  it("uses <projectId>/<addonId> as Northflank's confirmation", () => {
    const target = { vendor: "northflank", projectId: "shop", addonId: "db" };
    expect(checkRestoreInputs({ target, backupId: "b", confirm: "shop/db" }).failures).toEqual([]);
  });

  it("requires WP Engine's notificationEmails and refuses other vendors' options", () => {
    const target = { vendor: "wpengine", installId: "294deacc-d8b8-4005-82c4-0727ba8ddde0" };
    const { failures } = checkRestoreInputs({
      target,
      backupId: "x",
      confirm: target.installId,
      notifiedUserId: userId,
    });
    expect(failures.map((f) => f.property).sort()).toEqual(["notificationEmails", "notifiedUserId"]);
  });

  it("runs a new restore when backupId or triggers change, and not when confirm changes", () => {
    const olds = { backupId: "1", triggers: ["a"], confirm: "x" };
    expect(restoreResource.diff(olds, { ...olds, backupId: "2" }).replaces).toEqual(["backupId"]);
    expect(restoreResource.diff(olds, { ...olds, triggers: ["b"] }).replaces).toEqual(["triggers"]);
    expect(restoreResource.diff(olds, { ...olds, confirm: "y" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});
