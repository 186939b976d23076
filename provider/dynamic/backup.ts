/** The dynamic provider of `backupResource` (see define.ts); keep this path: states record a `require` of it. */
import { backupResource } from "../resources/backup/definition";
import { dynamicProvider } from "./define";

export = dynamicProvider(backupResource);
