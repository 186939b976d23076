// The policy pack's entry point: the compiled pack (provider/policy-pack/pack.ts) of this package.
require("../dist/provider/policy-pack/pack");
