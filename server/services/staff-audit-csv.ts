import { stringify } from "csv-stringify/sync";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import type { Db } from "@/db/types";
import { isAppError } from "../errors";
import { grantsFor, loadGrants, type Grant } from "../rbac/grants";
import { auditFiltersSchema, auditPage, type AuditFilters } from "./staff-audit";

/**
 * The audit log as CSV (F18): the same filters and scope as staff.audit.list, written by
 * csv-stringify (quoting commas, quotes and newlines) and streamed page by page, so an export of
 * the whole trail never sits in memory.
 */

const COLUMNS = [
  "seq",
  "at",
  "actor kind",
  "actor id",
  "actor label",
  "action",
  "target type",
  "target id",
  "subject user id",
  "ip",
  "details",
  "hash",
] as const;
const BATCH = 1000;

type Page = Awaited<ReturnType<typeof auditPage>>["items"];

function toRecords(rows: Page): (string | number)[][] {
  return rows.map((row) => [
    row.seq,
    row.at.toISOString(),
    row.actorKind,
    row.actorId ?? "",
    // The label recorded at the time; for events that recorded none, the actor's current name.
    row.actorLabel ?? row.actorName ?? "",
    row.action,
    row.targetType ?? "",
    row.targetId ?? "",
    row.subjectUserId ?? "",
    row.ip ?? "",
    JSON.stringify(row.details),
    row.hash,
  ]);
}

// Device names and user input end up in labels and details: a cell starting with "=" must not
// become a spreadsheet formula when the file is opened.
const csv = (records: (string | number)[][], header: boolean) => stringify(records, { header, columns: [...COLUMNS], escape_formulas: true });

/** A pull-driven stream: the next page is read only when the client has taken the previous one. */
export function auditCsvStream(db: Db, grants: Grant[], filters: AuditFilters, batch = BATCH): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await auditPage(db, grants, filters, { before, limit: batch });
      controller.enqueue(encoder.encode(csv(toRecords(page.items), !started)));
      started = true;
      if (page.nextCursor === null) controller.close();
      else before = page.nextCursor;
    },
  });
}

const errorResponse = (status: number, code: string, message: string, details?: Record<string, unknown>) =>
  Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status });

/**
 * GET /api/staff/audit.csv: the HTTP side in one testable function (the route file only supplies
 * the database and session). 401 without an active session, 403 without audit.read, 400 for bad
 * filters, else the CSV as an attachment.
 */
export async function auditCsvResponse(db: Db, session: { userId: string } | null, params: URLSearchParams, now = new Date()): Promise<Response> {
  try {
    if (!session) return errorResponse(401, "UNAUTHORIZED", "Sign in to continue.");
    const [user] = await db.select({ status: users.status }).from(users).where(eq(users.id, session.userId));
    if (user?.status !== "active") return errorResponse(401, "UNAUTHORIZED", "Your session is no longer valid. Sign in again.");
    const grants = grantsFor(await loadGrants(db, session.userId), "audit.read");
    if (grants.length === 0) return errorResponse(403, "FORBIDDEN", 'You do not have the "audit.read" permission.');
    // Empty query parameters mean "no filter", as a form submitted with blank fields sends them.
    const raw = Object.fromEntries([...params.entries()].filter(([, value]) => value.trim() !== ""));
    const parsed = auditFiltersSchema.safeParse(raw);
    if (!parsed.success) {
      return errorResponse(400, "BAD_REQUEST", parsed.error.issues[0]?.message ?? "Check the filters.", {
        fieldErrors: z.flattenError(parsed.error).fieldErrors,
      });
    }
    const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, "-");
    return new Response(auditCsvStream(db, grants, parsed.data), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="ward-audit-${stamp}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error)) return errorResponse(error.httpStatus, error.code, error.message, error.details);
    throw error;
  }
}
