const pulumi = require("@pulumi/pulumi");

const noop = {
  async create(inputs) {
    return { id: `noop-${inputs.i}`, outs: inputs };
  },
  async diff() {
    return { changes: false };
  },
  async read(id, props) {
    return { id, props, inputs: { i: props.i } };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(noop, name, args, undefined, "bench", "Noop");
  }
}

const count = new pulumi.Config().requireNumber("count");
for (let i = 0; i < count; i++) new Noop(`n${i}`, { i });
