/** Small helpers shared by the vendor routes. */
import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Sends `body` with `status` and returns the reply (so handlers can `return send(...)`). */
export function send(reply: FastifyReply, status: number, body?: unknown): FastifyReply {
  reply.code(status);
  return body === undefined ? reply.send() : reply.send(body);
}

/** `http://127.0.0.1:4010`: where the client reached us, for absolute URLs in responses. */
export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? "127.0.0.1"}`;
}

/** The Bearer token of a request, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** A plain object body, or undefined when the body is missing or not an object. */
export function objectBody(body: unknown): Record<string, unknown> | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Default reason phrases, used when a fault or a generic error needs a message. */
export function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return phrases[status] ?? `HTTP ${status}`;
}

/** A short random id (for operation ids, restore ids, error ids). */
export function randomHex(bytes = 8): string {
  return randomBytes(bytes).toString("hex");
}
