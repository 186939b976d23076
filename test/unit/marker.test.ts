/**
 * The provider marker (provider/vendors/marker.ts): written once, found by one searcher, with
 * the rules the resources and vendors relied on before it had one home.
 */
import {
  endsWithMarker,
  hasMarker,
  markedDescription,
  markerOf,
  markersIn,
  MARKER_LENGTH,
} from "../../provider/vendors/marker";

test("a marked description ends with ` hb:` and 8 hex digits, the length every vendor limit keeps room for", () => {
  const marker = markerOf("shop/dev/nightly");
  expect(marker).toMatch(/^[0-9a-f]{8}$/);
  expect(markerOf("shop/dev/nightly")).toBe(marker);
  expect(markerOf("shop/dev/other")).not.toBe(marker);
  const text = markedDescription("nightly", marker);
  expect(text).toBe(`nightly hb:${marker}`);
  expect(text.length - "nightly".length).toBe(MARKER_LENGTH);
  expect(markersIn(text)).toEqual([{ marker, asWritten: true }]);
});

test("a backup carries a given marker anywhere a vendor moved it, never inside a longer word", () => {
  expect(hasMarker("nightly hb:1a2b3c4d", "1a2b3c4d")).toBe(true);
  expect(hasMarker("tag hb:1A2B3C4D (copied)", "1a2b3c4d")).toBe(true);
  expect(hasMarker("nightly hb:1a2b3c4d", "1a2b3c4e")).toBe(false);
  expect(hasMarker("xhb:1a2b3c4d", "1a2b3c4d")).toBe(false);
  expect(hasMarker("nightly hb:1a2b3c4d9", "1a2b3c4d")).toBe(false);
  expect(hasMarker(undefined, "1a2b3c4d")).toBe(false);
});

test("a backup the provider took ends with a marker as the provider writes it", () => {
  expect(endsWithMarker("nightly hb:1a2b3c4d")).toBe(true);
  expect(endsWithMarker("hb:1a2b3c4d")).toBe(true);
  expect(endsWithMarker("nightly hb:1a2b3c4d copied")).toBe(false);
  expect(endsWithMarker("nightly-hb:1a2b3c4d")).toBe(false);
  expect(endsWithMarker("nightly hb:1A2B3C4D")).toBe(false);
  expect(endsWithMarker("nightly")).toBe(false);
  expect(endsWithMarker(null)).toBe(false);
});
