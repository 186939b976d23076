import { ConfigurationError } from "../../../provider/core/errors";
import { VENDOR_NAMES } from "../../../provider/vendors/registry";
import { fillPath } from "../../../provider/vendors/shared/routes";
import { getVendor, vendors } from "../../../provider/vendors/registry";

describe("registry", () => {
  it("has every vendor under its own name, with env names and base URLs including the version", () => {
    expect(Object.keys(vendors).sort()).toEqual([...VENDOR_NAMES].sort());
    for (const name of VENDOR_NAMES) {
      const vendor = getVendor(name);
      expect(vendor.name).toBe(name);
      expect(vendor.defaultBaseUrl).toMatch(/^https:\/\/.+\/v\d$/);
      expect(vendor.baseUrlEnv).toMatch(/_API_URL$/);
      expect(vendor.capabilities.maxDescriptionLength).toBeGreaterThan(0);
    }
    expect(vendors.wpengine.credentialEnv).toEqual({ user: "WPENGINE_API_USER", password: "WPENGINE_API_PASSWORD" });
    expect(vendors.kinsta.credentialEnv).toEqual({ apiKey: "KINSTA_API_KEY" });
  });

  it("offers native schedules exactly where the capability says so", () => {
    const credentials = { apiKey: "k-123456", user: "u-123456", password: "p-123456", token: "t-123456" };
    for (const name of VENDOR_NAMES) {
      const vendor = getVendor(name);
      const client = vendor.createClient({ baseUrl: "https://127.0.0.1:1/v1", credentials });
      expect(client.schedules !== undefined).toBe(vendor.capabilities.schedules);
    }
  });

  it("refuses unknown vendors", () => {
    expect(() => getVendor("hetzner")).toThrow(ConfigurationError);
  });

  it("fills path templates, encoding values", () => {
    expect(fillPath("/a/{x}/b/{y}", { x: "1 2", y: 3 })).toBe("/a/1%202/b/3");
  });
});
