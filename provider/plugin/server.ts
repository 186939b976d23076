/**
 * The plugin's gRPC `ResourceProvider` service, written here rather than taken from
 * `@pulumi/pulumi/provider`'s server, which (3.276.0) ignores the config sent to
 * `Configure`, fails a `Read` without properties (what `pulumi import` sends), hands secret
 * markers to the provider and returns no detailed diff. Each call unwraps secrets, runs the
 * provider/dynamic module for the request's type, and wraps secrets again by property path.
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { setStackConfig } from "../config/accounts";
import { redact, ValidationError } from "../core/errors";
import { withCustomTimeout } from "../resources/shared/duration";
import { identityOf } from "../resources/shared/identity";
import { canonicalJson, dropUndefined } from "../resources/shared/json";
import { coerceInputs, coerceToSchema } from "./coerce";
import { CONFIG_VARIABLES, pluginConfigSource } from "./config";
import type { ResourceDefinition } from "../resources/shared/definition";
import { functionOf } from "./functions";
import { resourceOf, resourceToken } from "./resources";
import { unwrapSecrets, wrapSecretsAt, type PropertyPath } from "./secrets";

type Props = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Call = grpc.ServerUnaryCall<any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Callback = grpc.sendUnaryData<any>;

const Kind = provproto.PropertyDiff.Kind;

/** What the engine sent, without secret markers, and where the secrets were. */
function plainOf(wire: structproto.Struct | Props | undefined): { props: Props; secrets: PropertyPath[] } {
  const { plain, secrets } = unwrapSecrets(wire instanceof structproto.Struct ? wire.toJavaScript() : (wire ?? {}));
  return { props: plain as Props, secrets };
}

function structOf(props: Props): structproto.Struct {
  // `__provider` is the dynamic path's serialized provider: it has no place in a plugin's state.
  const { __provider: _ignored, ...rest } = props;
  return structproto.Struct.fromJavaScript(dropUndefined(rest) as Record<string, structproto.JavaScriptValue>);
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → its parts. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
  const [head, project, qualifiedType, ...name] = urn.split("::");
  return {
    stack: head.split(":").pop() ?? "",
    project: project ?? "",
    type: (qualifiedType ?? "").split("$").pop() ?? "",
    name: name.join("::"),
  };
}

function typeOf(request: { getType?: () => string; getUrn: () => string }): ResourceDefinition {
  return resourceOf(request.getType?.() || parseUrn(request.getUrn()).type).definition;
}

/** The output paths that must be secret: the inputs' secrets and the resource's secret outputs. */
function secretPaths(resource: ResourceDefinition, ...fromInputs: PropertyPath[][]): PropertyPath[] {
  return [...fromInputs.flat(), ...resource.secretOutputs.map((key) => [key])];
}

/** A property-by-property diff, so `pulumi preview --diff` names what changes and what replaces. */
export function detailedDiff(
  resource: ResourceDefinition,
  olds: Props,
  news: Props,
  replaces: string[],
): Record<string, number> {
  const detail: Record<string, number> = {};
  for (const key of resource.declaredKeys) {
    if (canonicalJson(olds[key]) === canonicalJson(news[key])) continue;
    const replace = replaces.includes(key);
    if (olds[key] === undefined) detail[key] = replace ? Kind.ADD_REPLACE : Kind.ADD;
    else if (news[key] === undefined) detail[key] = replace ? Kind.DELETE_REPLACE : Kind.DELETE;
    else detail[key] = replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
  }
  for (const key of resource.plannedOutputs) {
    const value = news[key];
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    detail[key] = olds[key] === undefined ? Kind.ADD : Kind.UPDATE;
  }
  // A replacement the resource asks for on a computed property (a Backup that failed at the vendor).
  for (const key of replaces) if (detail[key] === undefined) detail[key] = Kind.UPDATE_REPLACE;
  return detail;
}

/**
 * A resource error as gRPC status; a `ResourceInitFailure` (created at the vendor, not yet
 * ready) carries its id and properties, so the engine keeps the resource in the state.
 */
function statusOf(error: unknown, secrets: PropertyPath[] = []): grpc.ServiceError {
  const e = error as { message?: string; id?: string; properties?: Props; reasons?: string[] };
  const message = redact(e?.message ?? String(error));
  const metadata = new grpc.Metadata();
  if (e?.id) {
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(structOf(wrapSecretsAt(e.properties ?? {}, secrets)));
    detail.setReasonsList((e.reasons ?? [message]).map(redact));
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

/** Runs a handler, answering the call with its result or its error. */
function answer(callback: Callback, handler: () => Promise<unknown>, secrets?: () => PropertyPath[]): void {
  handler().then(
    (response) => callback(null, response),
    (error) => callback(statusOf(error, secrets?.()), null),
  );
}

export interface ServerOptions {
  version: string;
  schema: string;
}

export function providerService(options: ServerOptions): grpc.UntypedServiceImplementation {
  const schema = JSON.parse(options.schema);
  return {
    getPluginInfo(_call: Call, callback: Callback) {
      const info = new plugproto.PluginInfo();
      info.setVersion(options.version);
      callback(null, info);
    },

    getSchema(call: Call, callback: Callback) {
      if (call.request.getVersion() !== 0) {
        callback(
          { code: grpc.status.INVALID_ARGUMENT, details: `unsupported schema version ${call.request.getVersion()}` },
          null,
        );
        return;
      }
      const response = new provproto.GetSchemaResponse();
      response.setSchema(options.schema);
      callback(null, response);
    },

    // The provider's own config, as the engine stores it in the provider resource's state:
    // credentials are marked secret here, so they are encrypted there even when set in plaintext.
    checkConfig(call: Call, callback: Callback) {
      answer(callback, async () => {
        const { props, secrets } = plainOf(call.request.getNews());
        const credentialPaths = Object.keys(props)
          .filter((key) => CONFIG_VARIABLES[key]?.secret)
          .map((key) => [key]);
        const response = new provproto.CheckResponse();
        response.setInputs(structOf(wrapSecretsAt(props, [...secrets, ...credentialPaths])));
        return response;
      });
    },

    diffConfig(call: Call, callback: Callback) {
      answer(callback, async () => {
        const olds = plainOf(call.request.getOlds()).props;
        const news = plainOf(call.request.getNews()).props;
        const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
          (key) => canonicalJson(olds[key]) !== canonicalJson(news[key]),
        );
        const response = new provproto.DiffResponse();
        // New credentials or URLs apply to the next call: no resource is replaced.
        response.setChanges(
          changed.length > 0
            ? provproto.DiffResponse.DiffChanges.DIFF_SOME
            : provproto.DiffResponse.DiffChanges.DIFF_NONE,
        );
        response.setDiffsList(changed);
        return response;
      });
    },

    configure(call: Call, callback: Callback) {
      answer(callback, async () => {
        const request = call.request as provproto.ConfigureRequest;
        const values: Props = {};
        request.getVariablesMap().forEach((value: string, key: string) => (values[key] = value));
        // `args` (typed property values) win over `variables` (strings) when both are sent.
        Object.assign(values, plainOf(request.getArgs()).props);
        setStackConfig(pluginConfigSource(values));
        const response = new provproto.ConfigureResponse();
        response.setAcceptsecrets(true);
        response.setAcceptresources(false);
        response.setAcceptoutputs(false);
        response.setSupportspreview(false);
        return response;
      });
    },

    check(call: Call, callback: Callback) {
      answer(callback, async () => {
        const request = call.request as provproto.CheckRequest;
        const resource = typeOf(request);
        const olds = plainOf(request.getOlds()).props;
        const news = plainOf(
          coerceInputs(request.getNews()?.toJavaScript() ?? {}, resourceToken(resource.name), schema),
        );
        const urn = parseUrn(request.getUrn());
        // What the TypeScript SDK sets itself: `<project>/<stack>/<name>`, part of each backup's marker.
        const given = resource.takesIdentity
          ? { ...news.props, identity: identityOf(urn.project, urn.stack, urn.name) }
          : news.props;
        const result = await resource.check(olds, given);
        const response = new provproto.CheckResponse();
        response.setInputs(structOf(wrapSecretsAt(result.inputs ?? given, news.secrets)));
        response.setFailuresList(
          (result.failures ?? []).map((failure) => {
            const f = new provproto.CheckFailure();
            f.setProperty(failure.property);
            f.setReason(redact(failure.reason));
            return f;
          }),
        );
        return response;
      });
    },

    diff(call: Call, callback: Callback) {
      answer(callback, async () => {
        const request = call.request as provproto.DiffRequest;
        const resource = typeOf(request);
        const olds = plainOf(request.getOlds()).props;
        const news = plainOf(request.getNews()).props;
        const result = resource.diff(olds, news);
        const detail = detailedDiff(resource, olds, news, result.replaces);
        const response = new provproto.DiffResponse();
        const D = provproto.DiffResponse.DiffChanges;
        response.setChanges(result.changes ? D.DIFF_SOME : D.DIFF_NONE);
        response.setReplacesList(result.replaces);
        response.setDeletebeforereplace(result.deleteBeforeReplace);
        response.setDiffsList(Object.keys(detail));
        response.setHasdetaileddiff(true);
        const map = response.getDetaileddiffMap();
        for (const [key, kind] of Object.entries(detail)) {
          const diff = new provproto.PropertyDiff();
          diff.setKind(kind as provproto.PropertyDiff.Kind);
          diff.setInputdiff(true);
          map.set(key, diff);
        }
        return response;
      });
    },

    create(call: Call, callback: Callback) {
      const request = call.request as provproto.CreateRequest;
      let secrets: PropertyPath[] = [];
      answer(
        callback,
        async () => {
          const resource = typeOf(request);
          const inputs = plainOf(request.getProperties());
          secrets = secretPaths(resource, inputs.secrets);
          // The engine's customTimeouts.create (seconds; 0 when unset) bounds it with `timeout`: the smaller wins.
          const result = await withCustomTimeout("create", request.getTimeout(), () => resource.create(inputs.props));
          const response = new provproto.CreateResponse();
          response.setId(result.id);
          response.setProperties(structOf(wrapSecretsAt(result.outs, secrets)));
          return response;
        },
        () => secrets,
      );
    },

    read(call: Call, callback: Callback) {
      answer(callback, async () => {
        const request = call.request as provproto.ReadRequest;
        const resource = typeOf(request);
        const state = plainOf(request.getProperties());
        const oldInputs = plainOf(request.getInputs());
        const importing = Object.keys(state.props).length === 0;
        const rule = resource.import;
        if (importing && "refused" in rule) {
          throw new ValidationError("id", `${resource.name} cannot be imported: ${rule.refused}`);
        }
        const result = await resource.read(request.getId(), state.props);
        const response = new provproto.ReadResponse();
        if (!result.id) return response; // gone at the vendor: the engine drops it from the state
        if (importing && Object.keys(result.props).length === 0) {
          throw new ValidationError(
            "id",
            `"${request.getId()}" is not a ${resource.name} import id; the format is ${"idFormat" in rule ? rule.idFormat : ""}`,
          );
        }
        const { identity: _identity, ...inputs } = result.inputs ?? {};
        let props = result.props;
        if (importing) {
          // The state gets the inputs' defaults (`timeout`, `waitForCompletion`…) as `check` fills
          // them, so the program the import generates previews with no changes; the generated
          // code itself stays with the inputs the backup was read with.
          const checked = await resource.check({}, inputs);
          const { __provider: _p, identity: _i, ...defaults } = checked.inputs ?? {};
          if (!checked.failures?.length) props = { ...defaults, ...props };
        }
        const secrets = secretPaths(resource, state.secrets, oldInputs.secrets);
        response.setId(result.id);
        response.setProperties(structOf(wrapSecretsAt(props, secrets)));
        response.setInputs(structOf(wrapSecretsAt(inputs, [...state.secrets, ...oldInputs.secrets])));
        return response;
      });
    },

    update(call: Call, callback: Callback) {
      const request = call.request as provproto.UpdateRequest;
      let secrets: PropertyPath[] = [];
      answer(
        callback,
        async () => {
          const resource = typeOf(request);
          const olds = plainOf(request.getOlds());
          const news = plainOf(request.getNews());
          secrets = secretPaths(resource, news.secrets);
          const result = await withCustomTimeout("update", request.getTimeout(), () =>
            resource.update(request.getId(), olds.props, news.props),
          );
          const response = new provproto.UpdateResponse();
          response.setProperties(structOf(wrapSecretsAt(result.outs ?? { ...olds.props, ...news.props }, secrets)));
          return response;
        },
        () => secrets,
      );
    },

    delete(call: Call, callback: Callback) {
      answer(callback, async () => {
        const request = call.request as provproto.DeleteRequest;
        const resource = typeOf(request);
        await withCustomTimeout("delete", request.getTimeout(), () =>
          resource.delete(request.getId(), plainOf(request.getProperties()).props),
        );
        return new emptyproto.Empty();
      });
    },

    // A function (`fn::invoke` in YAML, `GetBackups` in Go): the same config, clients and
    // request budget as the resources of this process. Secret markers in the arguments are
    // dropped; the answer holds no credential.
    invoke(call: Call, callback: Callback) {
      answer(callback, async () => {
        const request = call.request as provproto.InvokeRequest;
        const fn = functionOf(request.getTok());
        const inputs = { type: "object", ...schema.functions?.[fn.token]?.inputs };
        const args = plainOf(coerceToSchema(request.getArgs()?.toJavaScript() ?? {}, inputs, schema) as Props);
        const response = new provproto.InvokeResponse();
        response.setReturn(structOf(await fn.run(args.props)));
        return response;
      });
    },

    cancel(_call: Call, callback: Callback) {
      callback(null, new emptyproto.Empty());
    },

    attach(_call: Call, callback: Callback) {
      callback(null, new emptyproto.Empty());
    },
  };
}

/** Serves the provider on a free loopback port and prints the port: the engine's plugin handshake. */
export async function serve(options: ServerOptions): Promise<grpc.Server> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, providerService(options));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  process.stdout.write(`${port}\n`);
  return server;
}
