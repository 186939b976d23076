/** What the WP Engine handlers share: error bodies, validation, pagination and payloads. */
import type { FastifyReply } from "fastify";
import { iso, stateAt, type NeutralState } from "../../core/clock";
import type { ContractRequest } from "../../core/contract";
import { reasonPhrase, send } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import type { WpengineArchive, WpengineBackup, WpengineInstall, WpengineState } from "./seed";

const MESSAGES: Record<number, string> = {
  401: "Bad Credentials",
  403: "You don't have permission to perform that action",
  404: "Not Found",
  429: "Too Many Requests",
  500: "An unexpected error occurred, please try again in a few minutes",
  503: "Service Unavailable",
};

/** WP Engine error body: `{message}` (400 adds `errors`). 429/503 have no documented body; API Gateway sends `{message}`. */
export function errorBody(status: number, message = MESSAGES[status] ?? reasonPhrase(status)) {
  return { message };
}

export function fail(reply: FastifyReply, status: number, message?: string): FastifyReply {
  return send(reply, status, errorBody(status, message));
}

export interface ResourceError {
  resource: string;
  field: string;
  type: "invalid_value" | "access_error" | "value_unavailable";
  code: string;
  message: string;
}

export function invalid(reply: FastifyReply, resource: string, errors: ResourceError[]): FastifyReply {
  return send(reply, 400, { message: `Invalid ${resource}: ${errors[0].message}`, errors });
}

export const WORDS: Record<NeutralState, string> = {
  pending: "requested",
  running: "in_progress",
  completed: "completed",
  failed: "aborted",
};

export const wpengineState = (ctx: SandboxContext): WpengineState => ctx.store.state.wpengine;

/** Checks `notification_emails`: a required, non-empty array of e-mail-like strings. */
export function emailErrors(resource: string, value: unknown): ResourceError[] {
  const field = "notification_emails";
  if (value === undefined || value === null) {
    return [{ resource, field, type: "invalid_value", code: "blank", message: "Notification emails can't be blank" }];
  }
  if (!Array.isArray(value) || value.length === 0) {
    return [
      {
        resource,
        field,
        type: "invalid_value",
        code: "invalid",
        message: "Notification emails must be a non-empty array",
      },
    ];
  }
  // The API documents no e-mail format rule; the sandbox only requires something@something.
  if (!value.every((e) => typeof e === "string" && /^[^@\s]+@[^@\s]+$/.test(e))) {
    return [
      {
        resource,
        field,
        type: "invalid_value",
        code: "invalid",
        message: "Notification emails must be valid email addresses",
      },
    ];
  }
  return [];
}

export function backupPayload(backup: WpengineBackup, now: number) {
  const s = stateAt(backup, now);
  return {
    id: backup.id,
    status: WORDS[s],
    description: backup.description,
    create_time: iso(backup.createdAt),
    complete_time: s === "completed" ? iso(Math.min(backup.createdAt + backup.durationMs, now)) : null,
    wordpress_version: backup.wordpressVersion,
  };
}

export function archivePayload(archive: WpengineArchive, now: number, origin: string) {
  const s = stateAt(archive, now);
  const started = archive.createdAt + archive.durationMs / 4;
  return {
    id: archive.id,
    backup: { id: archive.backupId },
    state: WORDS[s],
    notification_emails: archive.notificationEmails,
    create_time: iso(archive.createdAt),
    // Not nullable in 1.17.0: absent until the archive has started.
    ...(s === "pending" ? {} : { start_time: iso(Math.min(started, now)) }),
    complete_time: s === "completed" ? iso(Math.min(archive.createdAt + archive.durationMs, now)) : null,
    abort_time: s === "failed" ? iso(now) : null,
    download_uri: s === "completed" ? `${origin}/wpengine/downloads/${archive.id}.zip` : null,
  };
}

export function installPayload(install: WpengineInstall) {
  return {
    id: install.id,
    name: install.name,
    account: { id: install.accountId },
    php_version: install.phpVersion,
    status: "active",
    site: { id: install.siteId },
    cname: `${install.name}.wpengine.com`,
    stable_ips: null,
    environment: install.environment,
    primary_domain: install.primaryDomain,
    is_multisite: false,
  };
}

/** limit (0–100, default 100) and offset (≥0, default 0), or a 400 already sent. */
export function pagination(request: ContractRequest, reply: FastifyReply) {
  const { limit = "100", offset = "0" } = request.query;
  const errors: ResourceError[] = [];
  if (!/^\d+$/.test(limit) || Number(limit) > 100) {
    errors.push({
      resource: "Pagination",
      field: "limit",
      type: "invalid_value",
      code: "out_of_range",
      message: "limit must be an integer between 0 and 100",
    });
  }
  if (!/^\d+$/.test(offset)) {
    errors.push({
      resource: "Pagination",
      field: "offset",
      type: "invalid_value",
      code: "out_of_range",
      message: "offset must be an integer of at least 0",
    });
  }
  if (errors.length) {
    invalid(reply, "Pagination", errors);
    return undefined;
  }
  return { limit: Number(limit), offset: Number(offset) };
}

export function page<T>(items: T[], limit: number, offset: number, url: string) {
  const link = (o: number) => `${url}?limit=${limit}&offset=${o}`;
  return {
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    next: limit > 0 && offset + limit < items.length ? link(offset + limit) : null,
    count: items.length,
    results: items.slice(offset, offset + limit),
  };
}
