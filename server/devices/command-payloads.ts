import { z } from "zod";
import { AppError } from "../errors";
import type { CommandKind } from "./capabilities";

/** Shown on the lock screen when the owner gives no message; a stored message is also what marks lost mode. */
export const DEFAULT_LOST_MODE_MESSAGE = "This device is lost. Please contact its owner or the IT help desk.";

const noPayload = z.strictObject({});

/**
 * What a requester may send with each kind. Strict, so a typo is refused rather than silently
 * dropped. reset_passcode takes nothing: the server chooses the temporary passcode.
 */
export const commandPayloadSchemas = {
  sync: noPayload,
  rename: z.strictObject({ name: z.string().trim().min(1, "Enter a name.").max(60, "Use at most 60 characters.") }),
  lock: z.strictObject({
    message: z.string().trim().max(200, "Use at most 200 characters.").optional(),
    phone: z
      .string()
      .trim()
      .max(40, "Use at most 40 characters.")
      .regex(/^[+\d\s().-]*$/, "Use digits, spaces and + - ( ) only.")
      .optional(),
  }),
  lost_mode_off: noPayload,
  reset_passcode: noPayload,
  retire: noPayload,
  wipe: noPayload,
} satisfies Record<CommandKind, z.ZodType<Record<string, unknown>>>;

/** The payload to store for a request; BAD_REQUEST with the first issue's message when invalid. */
export function parseCommandPayload(kind: CommandKind, payload: unknown): Record<string, unknown> {
  const parsed = commandPayloadSchemas[kind].safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("BAD_REQUEST", issue?.message ?? "Invalid request.", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    });
  }
  if (kind !== "lock") return parsed.data;
  const { message, phone } = parsed.data as { message?: string; phone?: string };
  return { message: message || DEFAULT_LOST_MODE_MESSAGE, ...(phone ? { phone } : {}) };
}
