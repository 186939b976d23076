import type { z } from "zod";

/** The messages of every issue, as `path: message`, or [] when the value passes. */
export function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) =>
      `${issue.path.map(String).join(".")}: ${issue.code === "unrecognized_keys" ? `unknown ${issue.keys.join(",")}` : issue.message}`,
  );
}

export const MARKER = " hb:abcd1234";
