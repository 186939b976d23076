// Stands in for your real deploy step (a CI job, a `command.local.Command`, a Kubernetes
// rollout…): a tiny dynamic resource that records which release was deployed after which
// backups. Replace it with your own; keep the `dependsOn` on the gate.
import * as pulumi from "@pulumi/pulumi";

interface DeploymentInputs {
  release: string;
  backupIds: string[];
}

const deploymentProvider: pulumi.dynamic.ResourceProvider<DeploymentInputs> = {
  async create(inputs) {
    return { id: `deploy-${inputs.release}`, outs: { ...inputs, deployedRelease: inputs.release } };
  },
  async diff(_id, olds: DeploymentInputs, news: DeploymentInputs) {
    return { changes: olds.release !== news.release, replaces: olds.release !== news.release ? ["release"] : [] };
  },
};

export class Deployment extends pulumi.dynamic.Resource {
  declare readonly deployedRelease: pulumi.Output<string>;
  constructor(
    name: string,
    args: { release: pulumi.Input<string>; backupIds: pulumi.Input<string>[] },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(deploymentProvider, name, { ...args, deployedRelease: undefined }, opts, "example", "Deployment");
  }
}
