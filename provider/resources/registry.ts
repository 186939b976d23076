/**
 * Every resource, listed once: the plugin, the schema, the docs and the tests take the list
 * from here. A new resource is its folder (with its definition.ts), one line here, a
 * one-line dynamic module (provider/dynamic/) and its SDK class.
 */
import { backupResource } from "./backup/definition";
import { policyResource } from "./policy/definition";
import { restoreResource } from "./restore/definition";
import type { ResourceDefinition } from "./shared/definition";

export const RESOURCE_DEFINITIONS: readonly ResourceDefinition[] = [backupResource, policyResource, restoreResource];
