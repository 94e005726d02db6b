import type { Metadata } from "next";
import { Alert } from "@/app/_components/ui/alert";
import { PageTitle } from "@/app/_components/ui/card";
import { currentSession } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { auditFiltersSchema } from "@/server/services/staff-audit";
import { mayVerifyAuditChain } from "@/server/services/staff-audit-access";
import { serverApi } from "@/server/trpc/server-caller";
import { AuditFilters } from "./_components/audit-filters";
import { AuditLog } from "./_components/audit-log";
import { auditHref, auditQuery, csvHref, hasFilters, parseAuditParams } from "./_components/audit-params";
import { ChainCheck } from "./_components/chain-check";
import { MissingPermission } from "../tickets/_components/missing-permission";

export const metadata: Metadata = { title: "Audit log" };

/**
 * The audit log (F18): filters in the URL, newest first, "Load more" by cursor, the same filters
 * as a CSV download, and for all-users auditors the hash chain check. The filters are checked
 * with the server's own schema first, so a bad date is explained beside its field, not thrown.
 */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseAuditParams(await searchParams);
  const parsed = auditFiltersSchema.safeParse(auditQuery(params));
  const issue = parsed.success ? null : parsed.error.issues[0];
  const error = issue ? { field: String(issue.path[0] ?? "to"), message: issue.message } : null;
  const api = await serverApi();
  if (!(await api.staff.overview()).permissions.includes("audit.read")) return <MissingPermission title="Audit log" permission="audit.read" />;
  const session = await currentSession();
  const [page, chainCheck] = await Promise.all([
    parsed.success ? api.staff.audit.list({ ...auditQuery(params), limit: 50 }) : null,
    session ? mayVerifyAuditChain(await getDb(), session.userId) : false,
  ]);
  // The chosen people's names, read from their own events (every row has them when filtered).
  const first = page?.items[0];
  const names = { actor: first?.actorName ?? first?.actorLabel ?? null, subject: first?.subjectName ?? null };
  const caption = hasFilters(params) ? "Audit events matching the filters, newest first" : "All audit events in your scope, newest first";
  // Keyed by the filters, so Back and Forward reset the form and the loaded pages. The keys differ
  // per element: siblings with equal keys would be matched to each other and duplicated.
  return (
    <div className="space-y-4">
      <PageTitle description="Every change, by staff, users, devices and the system, newest first.">Audit log</PageTitle>
      <AuditFilters key={`filters ${auditHref(params)}`} params={params} names={names} error={error} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        {chainCheck ? <ChainCheck /> : <span />}
        {page && (
          <a href={csvHref(params)} download className="inline-flex min-h-11 items-center rounded-md border border-gray-400 bg-white px-4 font-medium hover:bg-gray-100 dark:border-gray-500 dark:bg-gray-800 dark:hover:bg-gray-700">
            Download CSV<span className="sr-only"> of the events matching these filters</span>
          </a>
        )}
      </div>
      {error ? (
        <Alert tone="error" title="These filters cannot be applied">
          {error.message}
        </Alert>
      ) : page ? (
        <AuditLog key={`log ${auditHref(params)}`} initial={page} params={params} caption={caption} />
      ) : null}
    </div>
  );
}
