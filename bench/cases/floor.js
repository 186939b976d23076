// The floor: N no-op dynamic resources on the same engine (one input, no outputs). Every
// case's ratio is its wall time over this one's, for the same N and operation.
const path = require("node:path");
const { medianMs, medianUpMs, REPEATS, stackFor } = require("../lib");

/** Median up, preview and refresh of `n` no-op resources, of `repeats` runs each. */
async function floorOf(n, repeats = REPEATS) {
  const { stack, cleanup } = await stackFor(path.join(__dirname, "../programs/noop"));
  try {
    await stack.setConfig("count", { value: String(n) });
    const up = await medianUpMs(stack, undefined, repeats);
    const preview = await medianMs(() => stack.preview(), repeats);
    const refresh = await medianMs(() => stack.refresh(), repeats);
    await stack.destroy();
    return { up, preview, refresh };
  } finally {
    await cleanup();
  }
}

module.exports = { floorOf };
