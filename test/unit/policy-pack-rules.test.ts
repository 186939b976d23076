/** The policy pack's rules as pure functions; test/e2e/policy-pack.test.ts runs the pack in `pulumi preview`. */
import {
  freshnessViolations,
  productionRestoreViolations,
  retentionViolations,
} from "../../provider/policy-pack/rules";

const type = (kind: string) => `pulumi-nodejs:dynamic/hostingbackups:${kind}`;
const SERVER = { vendor: "vpsorg", serverId: "101" };
const OTHER = { vendor: "vpsorg", serverId: "102" };

it("asks for a BackupPolicy with freshness on every backed-up target", () => {
  const resources = [
    { type: type("Backup"), name: "a", props: { target: SERVER } },
    { type: type("Backup"), name: "b", props: { target: OTHER } },
    { type: type("BackupPolicy"), name: "p", props: { target: SERVER, freshness: { maxAgeHours: 24 } } },
    { type: "hostingbackups:index:BackupPolicy", name: "q", props: { target: OTHER, retention: { keepLast: 3 } } },
  ];
  const violations = freshnessViolations(resources);
  expect(violations).toHaveLength(1);
  expect(violations[0].message).toContain(
    "target vpsorg/102 is backed up (b, q) but no BackupPolicy promises its freshness",
  );
});

it("asks a restore onto a production target for its confirmation, known at preview", () => {
  const restore = (confirm: unknown, target = SERVER) => ({
    type: type("RestoreOperation"),
    name: "r",
    props: { target, confirm },
  });
  const config = { productionTargets: ["vpsorg/10*"] };
  expect(productionRestoreViolations([restore("101")], config)).toEqual([]);
  expect(productionRestoreViolations([restore(undefined)], config)[0].message).toContain(
    'confirm must be "101", written in the program',
  );
  expect(productionRestoreViolations([restore(undefined, { vendor: "vpsorg", serverId: "200" })], config)).toEqual([]);
  expect(productionRestoreViolations([restore(undefined)], {})).toEqual([]);
});

it("keeps retention at or above the configured minimum", () => {
  const policy = (retention: unknown) => ({
    type: type("BackupPolicy"),
    name: "p",
    props: { target: SERVER, retention },
  });
  const config = { minKeepLast: 3, minMaxAgeDays: 7 };
  expect(retentionViolations([policy({ keepLast: 3, maxAgeDays: 7 })], config)).toEqual([]);
  expect(retentionViolations([policy({ keepLast: 2, maxAgeDays: 1 })], config).map((v) => v.message)).toEqual([
    "retention.keepLast 2 on vpsorg/101 is below the minimum of 3",
    "retention.maxAgeDays 1 on vpsorg/101 is below the minimum of 7",
  ]);
});
