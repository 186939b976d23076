/** What the Kinsta handlers share: state access, the error body, ownership and operation state. */
import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { stateAt, type NeutralState } from "../../core/clock";
import { reasonPhrase, send } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import type { KinstaOperation, KinstaOperationKind, KinstaState } from "./seed";

/** Kinsta's error body: `{message, status, data}`. */
export function errorBody(status: number, message?: string) {
  // The 429 text is the one third-party fixtures show.
  const text = message ?? (status === 429 ? "Too many requests, please try again later." : reasonPhrase(status));
  return { status, message: text, data: null };
}

export function fail(reply: FastifyReply, status: number, message: string): FastifyReply {
  return send(reply, status, errorBody(status, message));
}

export const kinstaState = (ctx: SandboxContext): KinstaState => ctx.store.state.kinsta;

/** A Kinsta operation's state; an add-manual operation follows its backup (so admin PATCH affects both). */
export function operationState(ctx: SandboxContext, op: KinstaOperation): NeutralState {
  const now = ctx.clock.now();
  if (op.kind === "add-manual") {
    const backup = kinstaState(ctx).backups.find((b) => b.id === op.backupId);
    if (backup) return stateAt(backup, now);
  }
  return stateAt(op, now);
}

/** The environment if it exists and belongs to the caller's company. */
export function ownEnvironment(ctx: SandboxContext, request: FastifyRequest, envId: string) {
  const env = kinstaState(ctx).environments.find((e) => e.id === envId);
  const site = env && kinstaState(ctx).sites.find((s) => s.id === env.siteId);
  return env && site && site.companyId === request.accountId ? { env, site } : undefined;
}

export function newOperation(
  ctx: SandboxContext,
  request: FastifyRequest,
  kind: KinstaOperationKind,
  environmentId: string,
  durationMs: number,
  extra: Partial<KinstaOperation> = {},
): KinstaOperation {
  // Kinsta's examples suffix the operation id with a UUID; the sandbox uses a fresh one per operation.
  const op: KinstaOperation = {
    id: `backups:${kind}-${randomUUID()}`,
    kind,
    companyId: request.accountId,
    environmentId,
    createdAt: ctx.clock.now(),
    durationMs,
    ...extra,
  };
  kinstaState(ctx).operations.push(op);
  ctx.store.changed();
  return op;
}
