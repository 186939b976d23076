/** Vendor traffic as seen by the sandbox, so tests can count API calls (`/_admin/requests`). */

export interface LoggedRequest {
  method: string;
  /** Request path including the vendor prefix and the query string, e.g. `/vpsorg/api/v1/backups/?server_id=12345`. */
  path: string;
  /** HTTP status sent; 0 when a `reset` fault destroyed the connection without a response. */
  status: number;
  /** ISO-8601, sandbox clock. */
  at: string;
}

/** Older entries are dropped beyond this, so a long-running CLI sandbox does not grow forever. */
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
