import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { StatusPill } from "@/app/_components/ui/status-pill";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import type { AppRouter } from "@/server/trpc/root";
import { isOverdue, priorityLabels, priorityTone, sourceLabels, statusLabels, statusTone } from "./ticket-labels";

export type QueueItem = inferRouterOutputs<AppRouter>["staff"]["tickets"]["queue"]["items"][number];

const th = "px-2 py-2 text-left text-sm font-semibold";
const td = "px-2 py-1.5 align-top";
const COLUMNS = ["#", "Subject", "Requester", "Device", "Status", "Priority", "Assignee", "Due"];
const link = "font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300";

/**
 * The queue as a dense table: one row per ticket, the subject links to the ticket. Overdue rows
 * say "Overdue" in words (and are tinted), so colour is never the only signal.
 */
export function QueueTable({ items, caption, now }: { items: QueueItem[]; caption: string; now: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 dark:border-gray-700">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-gray-200 bg-gray-50 dark:border-gray-700 dark:bg-gray-950">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className={th}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((ticket) => {
            const overdue = isOverdue(ticket, now);
            return (
              <tr key={ticket.id} className={`border-b border-gray-100 last:border-0 dark:border-gray-800 ${overdue ? "bg-red-50 dark:bg-red-950/40" : ""}`}>
                <td className={`${td} tabular-nums text-gray-700 dark:text-gray-300`}>{ticket.number}</td>
                <td className={`${td} max-w-80`}>
                  <Link href={`/helpdesk/tickets/${ticket.id}`} className={`${link} break-words`}>
                    {ticket.subject}
                  </Link>
                  {ticket.source !== "portal" && <span className="ml-2 text-xs text-gray-700 dark:text-gray-300">{sourceLabels[ticket.source]}</span>}
                </td>
                <td className={td}>
                  <Link href={`/helpdesk/users/${ticket.requesterId}`} className={link}>
                    {ticket.requesterName}
                  </Link>
                  <div className="text-xs text-gray-700 dark:text-gray-300">{ticket.requesterEmail}</div>
                </td>
                <td className={td}>{ticket.deviceName ?? <span className="text-gray-700 dark:text-gray-300">None</span>}</td>
                <td className={td}>
                  <StatusPill tone={statusTone[ticket.status]}>{statusLabels[ticket.status]}</StatusPill>
                </td>
                <td className={td}>
                  <StatusPill tone={priorityTone[ticket.priority]}>{priorityLabels[ticket.priority]}</StatusPill>
                </td>
                <td className={td}>{ticket.assigneeName ?? <span className="text-gray-700 italic dark:text-gray-300">Unassigned</span>}</td>
                <td className={`${td} whitespace-nowrap`}>
                  {ticket.dueAt ? (
                    <span className={overdue ? "font-semibold text-red-800 dark:text-red-200" : ""}>
                      {overdue && <>Overdue · </>}
                      <TimeAgo date={ticket.dueAt} />
                    </span>
                  ) : (
                    <span className="text-gray-700 dark:text-gray-300">No due time</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
