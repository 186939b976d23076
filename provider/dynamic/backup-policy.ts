/** The dynamic provider of `policyResource` (see define.ts); keep this path: states record a `require` of it. */
import { policyResource } from "../resources/policy/definition";
import { dynamicProvider } from "./define";

export = dynamicProvider(policyResource);
