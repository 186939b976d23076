/**
 * Endpoints as data: each vendor lists its routes once (`"GET /path/{param}"`, response
 * schema, expected statuses), and clients call them by name through `callRoute`. The same
 * table documents the API surface a client relies on, and a test can walk it.
 */
import type { z } from "zod";
import type { HttpClient, HttpMethod, HttpResponse, ResponseOf } from "../../core/http";

export interface Route<S extends z.ZodType | null = z.ZodType | null> {
  operation: string;
  method: HttpMethod;
  /** Path template below the base URL, e.g. `/sites/environments/{envId}/backups`. */
  path: string;
  response: S;
  expectStatus?: number[];
  idempotent?: boolean;
}

/** `route("GET /backups/{id}/", schema)`: reads like the vendor's docs. */
export function route<S extends z.ZodType | null>(
  operation: string,
  endpoint: `${HttpMethod} /${string}`,
  response: S,
  extra: Pick<Route, "expectStatus" | "idempotent"> = {},
): Route<S> {
  const space = endpoint.indexOf(" ");
  return {
    operation,
    method: endpoint.slice(0, space) as HttpMethod,
    path: endpoint.slice(space + 1),
    response,
    ...extra,
  };
}

export interface CallArgs {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** Fills `{param}` placeholders, URL-encoding each value. */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    // A missing parameter is a programming error in a client, caught by its unit tests.
    if (value === undefined) return `{${name}}`;
    return encodeURIComponent(String(value));
  });
}

export function callRoute<S extends z.ZodType | null>(
  http: HttpClient,
  r: Route<S>,
  args: CallArgs = {},
): Promise<HttpResponse<ResponseOf<S>>> {
  return http.send({
    operation: r.operation,
    method: r.method,
    path: fillPath(r.path, args.params),
    query: args.query,
    body: args.body,
    schema: r.response,
    expectStatus: r.expectStatus,
    idempotent: r.idempotent,
  });
}
