/**
 * The provider marker, written here only: ` hb:<8 hex>` at the end of the description of every
 * backup the provider takes (Kinsta's tag, WP Engine's and VPS.org's description, Northflank's
 * name), so it recognises its own backups: after an interrupted run, after a request that got
 * no answer, and as the backups a policy manages. `markersIn` is the one searcher.
 */
import { createHash } from "node:crypto";

const PREFIX = "hb:";

/** Length of ` hb:abcd1234`: every vendor's description limit keeps room for it. */
export const MARKER_LENGTH = 1 + PREFIX.length + 8;

/** A marker for `basis`: the first 8 hex digits of its SHA-256, stable for the same basis. */
export function markerOf(basis: string): string {
  return createHash("sha256").update(basis).digest("hex").slice(0, 8);
}

/** The description sent to the vendor: the user's, then the marker. */
export function markedDescription(description: string, marker: string): string {
  return `${description} ${PREFIX}${marker}`;
}

/** One marker found in a text: its 8 hex digits, and whether it ends the text as the provider writes it. */
export interface FoundMarker {
  marker: string;
  /** At the very end, after a space (or alone), in lower case: how `markedDescription` writes it. */
  asWritten: boolean;
}

/**
 * Every marker in a text: anywhere a vendor may have moved it (Kinsta may show the tag inside
 * the backup's name), not as part of a longer word.
 */
export function markersIn(text: string | null | undefined): FoundMarker[] {
  if (!text) return [];
  return [...text.matchAll(/(^|[^0-9a-z])hb:([0-9a-f]{8})(?![0-9a-z])/gi)].map((match) => {
    const written = match[0].slice(match[1].length);
    return {
      marker: match[2].toLowerCase(),
      asWritten:
        match.index + match[0].length === text.length &&
        (match[1] === "" || /\s/.test(match[1])) &&
        written === written.toLowerCase(),
    };
  });
}

/** Whether a backup's text carries this marker. */
export const hasMarker = (text: string | undefined, marker: string) =>
  markersIn(text).some((found) => found.marker === marker.toLowerCase());

/** Whether a backup's text ends with a provider marker: a backup the provider took (a Backup's or a policy's). */
export const endsWithMarker = (text: string | null | undefined) => markersIn(text).some((found) => found.asWritten);
