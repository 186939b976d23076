/**
 * The policy pack shipped with the package: `pulumi preview --policy-pack
 * node_modules/pulumi-hosting-backups/policy-pack` (docs/policy-pack.md). Each rule's
 * enforcement level and settings come from the policy config (`--policy-pack-config`).
 */
import { PolicyPack, type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import {
  freshnessViolations,
  productionRestoreViolations,
  retentionViolations,
  RULE_NAMES,
  type PolicyResourceView,
  type RuleConfig,
  type Violation,
} from "./rules";

const view = (resources: PolicyResource[]): PolicyResourceView[] =>
  resources.map((r) => ({ type: r.type, name: r.name, props: r.props }));

function rule(
  name: string,
  description: string,
  check: (resources: PolicyResourceView[], config: RuleConfig) => Violation[],
  configSchema?: StackValidationPolicy["configSchema"],
): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, reportViolation) => {
      const config = (configSchema ? args.getConfig<RuleConfig>() : {}) as RuleConfig;
      const byName = new Map(args.resources.map((r) => [r.name, r.urn]));
      for (const violation of check(view(args.resources), config)) {
        reportViolation(violation.message, violation.resource ? byName.get(violation.resource) : undefined);
      }
    },
  };
}

new PolicyPack("hosting-backups", {
  policies: [
    rule(
      RULE_NAMES.freshness,
      "Every target a stack backs up has a BackupPolicy with freshness (maxAgeHours).",
      (resources) => freshnessViolations(resources),
    ),
    rule(
      RULE_NAMES.productionRestore,
      "A RestoreOperation onto a production target carries its confirmation, known at preview.",
      productionRestoreViolations,
      {
        properties: {
          productionTargets: {
            type: "array",
            items: { type: "string" },
            description: "Target keys that are production, e.g. kinsta/<environmentId>; * matches anything.",
          },
        },
      },
    ),
    rule(
      RULE_NAMES.retention,
      "A BackupPolicy's retention is never below the configured minimum.",
      retentionViolations,
      {
        properties: {
          minKeepLast: { type: "integer", minimum: 1, default: 3 },
          minMaxAgeDays: { type: "integer", minimum: 1, default: 7 },
        },
      },
    ),
  ],
});
