import { currentSession } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { auditCsvResponse } from "@/server/services/staff-audit-csv";

// Per request: the caller's session, grants and the trail as it is now.
export const dynamic = "force-dynamic";

/** The audit log as a CSV download (F18), with the list's filters as query parameters. */
export async function GET(request: Request) {
  return auditCsvResponse(await getDb(), await currentSession(), new URL(request.url).searchParams);
}
