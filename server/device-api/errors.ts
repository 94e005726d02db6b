import { AppError, isAppError, type AppErrorCode } from "../errors";

/** Protocol error codes (DESIGN §4 body `{"error": {"code", "message", "details"?}}`). */
const protocolCodes: Record<AppErrorCode, string> = {
  BAD_REQUEST: "invalid_request",
  UNAUTHORIZED: "unknown_secret",
  STEP_UP_REQUIRED: "step_up_required",
  FORBIDDEN: "forbidden",
  TERMS_NOT_ACCEPTED: "terms_not_accepted",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  GONE: "gone",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  UNPROCESSABLE: "refused",
  TOO_MANY_REQUESTS: "rate_limited",
  INTERNAL: "internal_error",
};

export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } };
}

/** The one place device API errors become HTTP answers; a `details.reason` is the precise code. */
export function deviceErrorResponse(error: unknown): Response {
  if (!isAppError(error)) {
    console.error("device api: unexpected error", error instanceof Error ? error.message : error);
    return Response.json(errorBody("internal_error", "Something went wrong on the server. Try again later."), { status: 500 });
  }
  const reason = typeof error.details?.reason === "string" ? error.details.reason : null;
  const headers: Record<string, string> = {};
  if (error.code === "TOO_MANY_REQUESTS" && typeof error.details?.retryAfterSeconds === "number") {
    headers["retry-after"] = String(error.details.retryAfterSeconds);
  }
  return Response.json(errorBody(reason ?? protocolCodes[error.code], error.message, error.details), { status: error.httpStatus, headers });
}

export { AppError };
