/** What the VPS.org handlers share: DRF-style errors, ids, payloads and server status. */
import type { FastifyReply } from "fastify";
import { iso, stateAt, type NeutralState } from "../../core/clock";
import { reasonPhrase, send } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import type { VpsorgBackup, VpsorgServer, VpsorgState } from "./seed";

const DETAILS: Record<number, string> = {
  401: "Invalid token.",
  403: "You do not have permission to perform this action.",
  404: "Not found.",
  500: "A server error occurred.",
};

export function errorBody(status: number, message?: string) {
  if (status === 429 && !message) return { detail: "Request was throttled." };
  return { detail: message ?? DETAILS[status] ?? reasonPhrase(status) };
}

export function fail(reply: FastifyReply, status: number, detail?: string): FastifyReply {
  return send(reply, status, errorBody(status, detail));
}

/** DRF field validation errors. */
export function invalid(reply: FastifyReply, errors: Record<string, string[]>): FastifyReply {
  return send(reply, 400, errors);
}

export const WORDS: Record<NeutralState, string> = {
  pending: "in_progress", // VPS.org has no separate "accepted" word: created backups are in_progress at once.
  running: "in_progress",
  completed: "completed",
  failed: "failed", // undocumented; chosen
};

export const vpsorgState = (ctx: SandboxContext): VpsorgState => ctx.store.state.vpsorg;

/** DRF IntegerField: accepts 12345 and "12345". */
export function toInt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function backupPayload(ctx: SandboxContext, backup: VpsorgBackup) {
  const s = stateAt(backup, ctx.clock.now());
  const server = vpsorgState(ctx).servers.find((x) => x.id === backup.serverId);
  return {
    id: backup.id,
    server: { id: backup.serverId, name: server?.name ?? "" },
    backup_type: backup.backupType,
    status: WORDS[s],
    size_mb: s === "completed" ? backup.sizeMb : null,
    created_at: iso(backup.createdAt).replace(/\.\d{3}Z$/, "Z"),
    expires_at: backup.expiresAt === null ? null : iso(backup.expiresAt).replace(/\.\d{3}Z$/, "Z"),
    // `vpsorg.nullDescription`: a backup created without one lists `null` (the docs show a string).
    description: backup.description === "" && ctx.variants.vpsorg.nullDescription ? null : backup.description,
  };
}

/** Whether a restore of the server is still running (the sandbox's own rule: one at a time). */
export function restoreRunning(ctx: SandboxContext, server: VpsorgServer): boolean {
  const now = ctx.clock.now();
  return vpsorgState(ctx).restores.some(
    (r) => r.serverId === server.id && ["pending", "running"].includes(stateAt(r, now)),
  );
}

/**
 * The server's status as `GET /servers/{id}/` shows it (undocumented): `restoring` while a
 * restore runs, from its start (`vpsorg.serverStatus` `at-once`) or only after
 * `vpsorg.statusDelayMs` (`delayed`; the restore runs that much longer), or never (`never`).
 */
export function serverStatus(ctx: SandboxContext, server: VpsorgServer): string {
  if (ctx.variants.vpsorg.serverStatus === "never") return "running";
  const now = ctx.clock.now();
  const delay = ctx.variants.vpsorg.serverStatus === "delayed" ? ctx.variants.vpsorg.statusDelayMs : 0;
  const restoring = vpsorgState(ctx).restores.some(
    (r) => r.serverId === server.id && now >= r.createdAt + delay && ["pending", "running"].includes(stateAt(r, now)),
  );
  return restoring ? "restoring" : "running";
}

export function serverPayload(ctx: SandboxContext, server: VpsorgServer) {
  return {
    id: server.id,
    name: server.name,
    hostname: server.hostname,
    ip_address: server.ipAddress,
    status: serverStatus(ctx, server),
  };
}
