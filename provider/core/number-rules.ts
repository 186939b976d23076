/** Number rules shared by resource and vendor schemas. */
import { z } from "zod";

/** An integer between `min` and `max`, with a message that names both bounds and the value. */
export const intBetween = (min: number, max: number) => {
  const bounds = {
    error: (issue: { input?: unknown }) => `must be between ${min} and ${max}, got ${String(issue.input)}`,
  };
  return z.number().int().min(min, bounds).max(max, bounds);
};
