// The smallest dynamic-provider program: a counter that the engine creates, diffs,
// reads, updates and deletes. Nothing here talks to a vendor.
const pulumi = require("@pulumi/pulumi");

const counterProvider = {
  async create(inputs) {
    return { id: `counter-${inputs.start}`, outs: { start: inputs.start, value: inputs.start, created: true } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.start !== news.start };
  },
  async update(_id, _olds, news) {
    return { outs: { start: news.start, value: news.start, created: true } };
  },
  async read(id, props) {
    // Returning the inputs too keeps a refresh without drift from looking like a change.
    return { id, props, inputs: { start: props.start } };
  },
};

class Counter extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(counterProvider, name, { value: undefined, created: undefined, ...args }, opts, "smoke", "Counter");
  }
}

const config = new pulumi.Config();
const counter = new Counter("counter", { start: config.getNumber("start") ?? 1 });
exports.value = counter.value;
exports.created = counter.created;
