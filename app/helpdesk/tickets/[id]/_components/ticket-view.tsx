"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { LiveUserUpdates } from "@/app/_components/live-user-updates";
import { StatusPill } from "@/app/_components/ui/status-pill";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/trpc/root";
import { dateTimeText, isOverdue, priorityLabels, priorityTone, sourceLabels, statusLabels, statusTone, type TicketPriority, type TicketStatus } from "../../_components/ticket-labels";
import { AssignControl } from "./assign-control";
import { Compose } from "./compose";
import { RequesterContext } from "./requester-context";
import { PriorityControl, StatusControl } from "./ticket-controls";
import { Thread } from "./thread";

export type StaffTicket = inferRouterOutputs<AppRouter>["staff"]["tickets"]["get"];
export type Rights = { update: boolean; assign: boolean; live: boolean };

type Props = {
  initial: StaffTicket;
  me: { id: string; name: string };
  rights: Rights;
  statusMoves: Record<TicketStatus, readonly TicketStatus[]>;
  dueInMs: Record<TicketPriority, number>;
};

/**
 * The ticket page: the thread beside the requester's context, and the controls to work it. A
 * client query seeded by the server render; each change, and every live signal about the
 * requester (another operator, the user replying in the portal), refetches it.
 */
export function TicketView({ initial, me, rights, statusMoves, dueInMs }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.staff.tickets.get.queryKey({ ticketId: initial.id });
  const { data: ticket = initial } = useQuery(trpc.staff.tickets.get.queryOptions({ ticketId: initial.id }, { initialData: initial }));
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const closed = ticket.status === "closed";
  const overdue = isOverdue(ticket, Date.now());

  return (
    <div className="space-y-4">
      {rights.live && <LiveUserUpdates userId={ticket.requester.id} />}
      <Link href="/helpdesk/tickets" className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
        <span aria-hidden="true">←&nbsp;</span>Ticket queue
      </Link>
      <header>
        <h1 className="text-2xl font-semibold break-words">
          <span className="text-gray-700 dark:text-gray-300">#{ticket.number}</span> {ticket.subject}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-700 dark:text-gray-300" data-testid="ticket-summary">
          <StatusPill tone={statusTone[ticket.status]}>{statusLabels[ticket.status]}</StatusPill>
          <StatusPill tone={priorityTone[ticket.priority]}>{priorityLabels[ticket.priority]} priority</StatusPill>
          {ticket.dueAt && !["resolved", "closed"].includes(ticket.status) && (
            <span className={overdue ? "font-semibold text-red-800 dark:text-red-200" : ""}>
              {overdue ? "Overdue: was due " : "Due "}
              <TimeAgo date={ticket.dueAt} /> ({dateTimeText(ticket.dueAt)})
            </span>
          )}
          <span>
            {sourceLabels[ticket.source] ?? ticket.source}, opened <TimeAgo date={ticket.createdAt} />
          </span>
          {ticket.deviceName && <span>About {ticket.deviceName}</span>}
          <span>Assigned to {ticket.assigneeName ?? "nobody"}</span>
        </p>
      </header>
      <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <Thread ticket={ticket} />
          {closed ? (
            <p className="rounded-md border border-gray-200 p-3 text-gray-700 dark:border-gray-700 dark:text-gray-300">Closed tickets are final; the user can open a new request.</p>
          ) : rights.update ? (
            <Compose ticketId={ticket.id} requesterName={ticket.requester.name} onDone={refresh} />
          ) : null}
        </div>
        <aside aria-label="Ticket details" className="space-y-4">
          {!closed && (rights.update || rights.assign) && (
            <section aria-labelledby="work-title" className="space-y-4 rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-700 dark:bg-gray-900">
              <h2 id="work-title" className="text-lg font-semibold">
                Work this ticket
              </h2>
              {rights.assign && <AssignControl ticket={ticket} me={me} onDone={refresh} />}
              {rights.update && <StatusControl ticket={ticket} moves={statusMoves[ticket.status]} onDone={refresh} />}
              {rights.update && <PriorityControl ticket={ticket} dueInMs={dueInMs} onDone={refresh} />}
            </section>
          )}
          <RequesterContext ticket={ticket} />
        </aside>
      </div>
    </div>
  );
}
