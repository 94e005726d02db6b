import { TRPCClientError } from "@trpc/client";

/**
 * Words for a failed call. The server's own messages are written for people (internals are
 * hidden by its error formatter), so they are shown as they are; anything else is the network.
 */
export function friendlyError(error: unknown): string {
  if (error instanceof TRPCClientError && error.data) return error.message;
  return "We could not reach the server. Check your connection and try again.";
}

export function errorAppCode(error: unknown): string | null {
  return error instanceof TRPCClientError ? ((error.data as { appCode?: string | null } | undefined)?.appCode ?? null) : null;
}
