// zod/mini: these schemas also run in the portal's forms, where full zod would add ~30 KiB gzip.
import * as z from "zod/mini";

/**
 * Support request input, shared by the tRPC router, the service and the portal forms, so the
 * browser shows the same messages the server would answer with.
 */
export const SUBJECT_MIN = 3;
export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;

const subject = z
  .string("Say in a few words what you need help with.")
  .check(
    z.trim(),
    z.minLength(SUBJECT_MIN, `Say in a few words what you need help with (at least ${SUBJECT_MIN} characters).`),
    z.maxLength(SUBJECT_MAX, `Keep the subject under ${SUBJECT_MAX} characters; put the details in the description.`),
  );

const message = (empty: string) => z.string(empty).check(z.trim(), z.minLength(1, empty), z.maxLength(BODY_MAX, `Keep it under ${BODY_MAX} characters.`));

export const openRequestSchema = z.object({
  subject,
  body: message("Describe the problem: what happened, and what you expected."),
  // The form's "General question" sends an empty string or null: both mean "no device".
  deviceId: z.pipe(
    z.optional(z.union([z.uuid("Choose one of your devices or General question."), z.literal(""), z.null()])),
    z.transform((value) => value || null),
  ),
});
export type OpenRequestInput = z.input<typeof openRequestSchema>;

export const replySchema = z.object({ ticketId: z.uuid("This request does not exist."), body: message("Write a message first.") });
export type ReplyInput = z.input<typeof replySchema>;

export const ticketIdSchema = z.object({ ticketId: z.uuid("This request does not exist.") });

/** Field errors by name, the shape the forms show beside each input. */
export function fieldErrorsOf(error: z.core.$ZodError): Record<string, string | undefined> {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(Object.entries(flat).map(([key, messages]) => [key, messages?.[0]]));
}
