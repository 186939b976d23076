/** The dynamic provider of `restoreResource` (see define.ts); keep this path: states record a `require` of it. */
import { restoreResource } from "../resources/restore/definition";
import { dynamicProvider } from "./define";

export = dynamicProvider(restoreResource);
