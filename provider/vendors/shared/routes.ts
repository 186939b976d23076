/**
 * Endpoints as data: one contract per vendor. Each route names its method and path (the
 * vendor's own template and parameter names), its query and request body schemas, and its
 * answers per status. The vendor client calls through it (`callRoute`), the sandbox
 * registers its handlers from it (`sandbox/core/contract.ts`), and the contract tests hold
 * it against the vendor's published description (`spec.operationId`).
 */
import type { z } from "zod";
import type { HttpClient, HttpMethod, HttpResponse } from "../../core/http";

/** Answer bodies by HTTP status; `null` when that status has no body. */
export type StatusBodies = Readonly<Partial<Record<number, z.ZodType | null>>>;

/** Where a route comes from: an operation in the vendor's published description, or why it is not there. */
export type RouteSource = { operationId: string } | { undocumented: string };

export interface Route<
  Ok extends StatusBodies = StatusBodies,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** Our name for the call, in errors and logs, e.g. `listBackups`. */
  operation: string;
  spec: RouteSource;
  method: HttpMethod;
  /** Path template below the base URL, e.g. `/sites/environments/{env_id}/backups`. */
  path: string;
  query: Query;
  body: Body;
  /**
   * Answers a client reads as results. When every status here is 2xx, any other 2xx is read
   * with the first schema too (a vendor answering 200 for a documented 202 did the work).
   */
  ok: Ok;
  /** Error answers the vendor documents (the sandbox answers only these, plus 429). */
  errors: StatusBodies;
  idempotent?: boolean;
}

type BodyOf<T> = T extends z.ZodType ? z.output<T> : undefined;
/** The body a client receives: any of the route's `ok` bodies. */
export type OkBody<R extends Route> = { [K in keyof R["ok"]]: BodyOf<R["ok"][K]> }[keyof R["ok"]];
/** What `callRoute` takes for the request body: the contract's input type. */
export type RequestBody<R extends Route> = R["body"] extends z.ZodType ? z.input<R["body"]> : never;
export type RequestQuery<R extends Route> = R["query"] extends z.ZodType ? z.input<R["query"]> : never;

interface RouteDefinition<Ok extends StatusBodies, Body, Query> {
  operation: string;
  spec: RouteSource;
  endpoint: `${HttpMethod} /${string}`;
  query?: Query;
  body?: Body;
  ok: Ok;
  errors?: StatusBodies;
  idempotent?: boolean;
}

/** `route({ endpoint: "GET /backups/{id}/", … })`: reads like the vendor's docs. */
export function route<
  Ok extends StatusBodies,
  Body extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<Ok, Body, Query>): Route<Ok, Body, Query> {
  const space = definition.endpoint.indexOf(" ");
  return {
    operation: definition.operation,
    spec: definition.spec,
    method: definition.endpoint.slice(0, space) as HttpMethod,
    path: definition.endpoint.slice(space + 1),
    query: definition.query as Query,
    body: definition.body as Body,
    ok: definition.ok,
    errors: definition.errors ?? {},
    idempotent: definition.idempotent,
  };
}

/** The statuses a route reads as results; `undefined` = every 2xx. */
export function successStatuses(r: Route): number[] | undefined {
  const statuses = Object.keys(r.ok).map(Number);
  return statuses.every((s) => s >= 200 && s < 300) ? undefined : statuses;
}

export interface CallArgs<R extends Route> {
  params?: Record<string, string | number>;
  query?: RequestQuery<R>;
  body?: RequestBody<R>;
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

export function callRoute<R extends Route>(
  http: HttpClient,
  r: R,
  args: CallArgs<R> = {},
): Promise<HttpResponse<OkBody<R>>> {
  const bodies = Object.values(r.ok) as (z.ZodType | null)[];
  return http.send({
    operation: r.operation,
    method: r.method,
    path: fillPath(r.path, args.params),
    query: args.query as Record<string, string | number | undefined> | undefined,
    body: args.body,
    schemaFor: (status) => (status in r.ok ? r.ok[status] : bodies[0]) ?? null,
    expectStatus: successStatuses(r),
    idempotent: r.idempotent,
  }) as Promise<HttpResponse<OkBody<R>>>;
}
