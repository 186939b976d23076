/**
 * The plugin's resource types: one per resource definition (provider/resources/registry.ts),
 * run by the same code the dynamic resources hand to Pulumi: one implementation, two ways in.
 */
import { ConfigurationError } from "../core/errors";
import { RESOURCE_DEFINITIONS } from "../resources/registry";
import type { ResourceDefinition } from "../resources/shared/definition";
import { PLUGIN_NAMESPACE } from "./config";

export interface PluginResource {
  token: string;
  definition: ResourceDefinition;
}

export const resourceToken = (name: string) => `${PLUGIN_NAMESPACE}:index:${name}`;

export const PLUGIN_RESOURCES: PluginResource[] = RESOURCE_DEFINITIONS.map((definition) => ({
  token: resourceToken(definition.name),
  definition,
}));

export function resourceOf(type: string): PluginResource {
  const found = PLUGIN_RESOURCES.find((r) => r.token === type);
  if (!found) {
    throw new ConfigurationError(
      `unknown resource type "${type}": this plugin provides ${PLUGIN_RESOURCES.map((r) => r.token).join(", ")}`,
    );
  }
  return found;
}
