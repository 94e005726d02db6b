import { TRPCClientError } from "@trpc/client";

export type Problem = { message: string; fieldErrors: Record<string, string | undefined> };

const OFFLINE = "We could not reach Ward. Check your connection and try again.";

/**
 * What a failed call means for a form: the server's own (already user-facing) message and the
 * errors beside each field. A schema failure's raw message is a JSON dump, so it is replaced; a
 * failure without an answer from the server is a connection problem, never raw fetch text.
 */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof TRPCClientError) || !error.data) return { message: OFFLINE, fieldErrors: {} };
  const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null; details?: { fieldErrors?: Record<string, string> } | null };
  if (data.fieldErrors) {
    const fieldErrors = Object.fromEntries(Object.entries(data.fieldErrors).map(([key, messages]) => [key, messages?.[0]]));
    return { message: "Check the fields marked below.", fieldErrors };
  }
  return { message: error.message, fieldErrors: data.details?.fieldErrors ?? {} };
}

/** Moves focus to the first field marked invalid, once React has rendered the errors. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
