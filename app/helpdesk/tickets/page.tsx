import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/app/_components/ui/alert";
import { PageTitle } from "@/app/_components/ui/card";
import { serverApi } from "@/server/trpc/server-caller";
import { QueueFilters } from "./_components/queue-filters";
import { parseQueueParams, queueHref, queueInput, type QueueParams } from "./_components/queue-params";
import { MissingPermission } from "./_components/missing-permission";
import { QueueTable } from "./_components/queue-table";
import { priorityLabels, statusLabels } from "./_components/ticket-labels";

export const metadata: Metadata = { title: "Tickets" };

/** Says in words what the list holds, for the caption and the empty state. */
function describe(params: QueueParams): string {
  const status = params.status === "active" ? "Active tickets" : params.status === "all" ? "All tickets" : `${statusLabels[params.status]} tickets`;
  const parts = [status];
  if (params.priority) parts.push(`priority ${priorityLabels[params.priority].toLowerCase()}`);
  if (params.assignee === "me") parts.push("assigned to you");
  if (params.assignee === "unassigned") parts.push("unassigned");
  return `${parts.join(", ")}, sorted by ${params.sort === "due" ? "due time, soonest first" : "last activity, newest first"}`;
}

/** The ticket queue (F17): filters in the URL, one page per cursor, sorted by due time by default. */
export default async function TicketQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseQueueParams(await searchParams);
  const api = await serverApi();
  if (!(await api.staff.overview()).permissions.includes("tickets.read")) return <MissingPermission title="Tickets" permission="tickets.read" />;
  const page = await api.staff.tickets.queue(queueInput(params)).catch((error: unknown) => {
    // A cursor from an old link: say so instead of failing the page.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return null;
    throw error;
  });
  const description = describe(params);
  // One clock for the whole table, so every row agrees on what is overdue.
  const now = Date.now();
  return (
    <div className="space-y-4">
      <PageTitle description="Support requests from the portal and “not you?” reports, in your scope.">Tickets</PageTitle>
      <QueueFilters params={params} />
      {!page ? (
        <Alert tone="warning" title="This page link has expired">
          <Link href={queueHref(params)} className="underline">
            Go back to the first page
          </Link>
        </Alert>
      ) : page.items.length === 0 ? (
        <Alert tone="info" title="No tickets match">
          {description}: none. {params.status === "active" && params.assignee === "" && !params.priority ? "The queue is clear." : "Try other filters."}
        </Alert>
      ) : (
        <>
          <p className="text-sm text-gray-700 dark:text-gray-300" aria-live="polite">
            {description}. Showing {page.items.length}
            {page.nextCursor ? " (more on the next page)" : ""}.
          </p>
          <QueueTable items={page.items} caption={description} now={now} />
        </>
      )}
      {(params.cursor || page?.nextCursor) && (
        <nav aria-label="Queue pages" className="flex gap-4">
          {params.cursor && (
            <Link href={queueHref(params)} className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
              <span aria-hidden="true">«&nbsp;</span>First page
            </Link>
          )}
          {page?.nextCursor && (
            <Link href={queueHref(params, page.nextCursor)} className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
              Next page<span aria-hidden="true">&nbsp;»</span>
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
