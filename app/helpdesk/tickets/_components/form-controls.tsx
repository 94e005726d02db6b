import { TRPCClientError } from "@trpc/client";

// The staff screens' select and multi-line input are the UI kit's; this file adds how a form
// reads a server refusal.
export { controlClass, Select, TextArea } from "../../../_components/ui/form-controls";

export type Problem = { message: string; fieldErrors: Record<string, string | undefined> };

const OFFLINE = "We could not reach Ward. Check your connection and try again.";

/**
 * A failed call as a form shows it: the server's own sentence (already written for people), and
 * the errors for each field. A schema failure's raw message is JSON, so it is replaced.
 */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof TRPCClientError) || !error.data) return { message: OFFLINE, fieldErrors: {} };
  const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null; details?: { fieldErrors?: Record<string, string | string[]> } | null };
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  if (data.fieldErrors) {
    const fieldErrors = Object.fromEntries(Object.entries(data.fieldErrors).map(([key, messages]) => [key, first(messages)]));
    return { message: Object.values(fieldErrors).find(Boolean) ?? "Check the fields marked below.", fieldErrors };
  }
  const details = data.details?.fieldErrors ?? {};
  return { message: error.message, fieldErrors: Object.fromEntries(Object.entries(details).map(([key, value]) => [key, first(value)])) };
}
