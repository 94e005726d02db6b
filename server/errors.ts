import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/**
 * The one domain error. Services throw it; tRPC and the device API map it to their codes here
 * and nowhere else.
 */
export const appErrorCodes = {
  BAD_REQUEST: { http: 400, trpc: "BAD_REQUEST" },
  UNAUTHORIZED: { http: 401, trpc: "UNAUTHORIZED" },
  // A recent interactive sign-in is needed (step-up); the UI turns it into "sign in again".
  STEP_UP_REQUIRED: { http: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { http: 403, trpc: "FORBIDDEN" },
  // The current terms must be accepted first (DESIGN F2); the UI links to them.
  TERMS_NOT_ACCEPTED: { http: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { http: 404, trpc: "NOT_FOUND" },
  CONFLICT: { http: 409, trpc: "CONFLICT" },
  GONE: { http: 410, trpc: "BAD_REQUEST" },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  UNPROCESSABLE: { http: 422, trpc: "UNPROCESSABLE_CONTENT" },
  TOO_MANY_REQUESTS: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  INTERNAL: { http: 500, trpc: "INTERNAL_SERVER_ERROR" },
} as const satisfies Record<string, { http: number; trpc: TRPC_ERROR_CODE_KEY }>;

export type AppErrorCode = keyof typeof appErrorCodes;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Machine-readable detail for clients (e.g. a restriction's reason code, retry-after seconds). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get httpStatus(): number {
    return appErrorCodes[this.code].http;
  }

  get trpcCode(): TRPC_ERROR_CODE_KEY {
    return appErrorCodes[this.code].trpc;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
