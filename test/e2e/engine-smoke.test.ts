import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";

jest.setTimeout(240_000);

describe("the real Pulumi engine", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(path.join(__dirname, "programs/smoke"), {
      config: { "smoke:start": { value: "1" } },
    });
  });
  afterAll(() => t?.cleanup());

  it("previews, creates, refreshes, updates and destroys a dynamic resource", async () => {
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ create: 2 }); // the stack + the counter

    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs.value.value).toBe(1);
    expect(up.outputs.created.value).toBe(true);

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 2 });

    await t.stack.setConfig("smoke:start", { value: "5" });
    const update = await t.stack.up();
    expect(update.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(update.outputs.value.value).toBe(5);

    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
  });
});
