/**
 * The in-memory state of the sandbox, optionally persisted to a JSON file so it survives
 * restarts. The state is plain JSON (numbers, strings, arrays) so it can be dumped by
 * `/_admin/state` and written to disk as is.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";

/** How long writes are coalesced: many mutations in a burst become one file write. */
const WRITE_DEBOUNCE_MS = 50;

export class Store<S> {
  state: S;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly makeSeed: () => S,
    private readonly stateFile?: string,
  ) {
    this.state = this.load() ?? makeSeed();
  }

  /** Back to the seed (ids are fixed; timestamps are relative to now). */
  reset(): void {
    this.state = this.makeSeed();
    this.changed();
  }

  /** Call after every mutation; schedules a (debounced) write when persistence is on. */
  changed(): void {
    if (!this.stateFile || this.timer) return;
    this.timer = setTimeout(() => this.flush(), WRITE_DEBOUNCE_MS);
  }

  /** Writes pending changes now (on close). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.stateFile) return;
    // Write then rename, so a crash never leaves a half-written file behind.
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.stateFile);
  }

  private load(): S | undefined {
    if (!this.stateFile) return undefined;
    try {
      return JSON.parse(readFileSync(this.stateFile, "utf8")) as S;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new Error(`cannot read sandbox state file ${this.stateFile}: ${String(error)}`);
    }
  }
}
