/** The dynamic provider of `gateResource` (see define.ts); keep this path: states record a `require` of it. */
import { gateResource } from "../resources/gate/definition";
import { dynamicProvider } from "./define";

export = dynamicProvider(gateResource);
