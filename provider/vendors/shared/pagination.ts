/** Following a vendor's paginated lists. */

/** The query parameters of a `next` link, so pagination keeps our own base URL and path. */
export function queryOfLink(link: string): Record<string, string> {
  const url = new URL(link, "http://placeholder.invalid");
  return Object.fromEntries(url.searchParams.entries());
}

/** Stops runaway pagination (a vendor that always says "there is more"). */
export const MAX_PAGES = 1_000;
