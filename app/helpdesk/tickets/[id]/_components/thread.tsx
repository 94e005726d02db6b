import { TimeAgo } from "@/app/_components/ui/time-ago";
import { dateTimeText, priorityText, statusText } from "../../_components/ticket-labels";
import type { StaffTicket } from "./ticket-view";

type Event = StaffTicket["events"][number];

/** The words of a system line: who changed what. Names come with the event (never an id). */
function systemText(event: Event): string {
  const who = event.authorName ?? "The system";
  const data = event.data as Record<string, unknown>;
  if (event.kind === "status_change") {
    return `${event.byRequester ? `${who} (requester)` : who} changed the status from ${statusText(data.from)} to ${statusText(data.to)}`;
  }
  if (event.kind === "assignment") {
    const names = event as Event & { fromName?: string | null; toName?: string | null };
    if (!data.to) return `${who} unassigned the ticket${names.fromName ? ` from ${names.fromName}` : ""}`;
    if (data.to === event.authorId) return `${who} assigned the ticket to themselves`;
    return `${who} assigned the ticket to ${names.toName ?? "a former staff member"}`;
  }
  const due = typeof data.dueAt === "string" ? `; now due ${dateTimeText(data.dueAt)}` : "";
  return `${who} changed the priority from ${priorityText(data.from)} to ${priorityText(data.to)}${due}`;
}

/**
 * The whole conversation for staff: the requester's messages, replies the user sees, internal
 * notes (tinted, dashed, and labelled in words: colour alone would not tell a screen reader or a
 * colour-blind operator that the user cannot see them) and system lines for changes.
 */
export function Thread({ ticket }: { ticket: StaffTicket }) {
  return (
    <section aria-labelledby="thread-title">
      <h2 id="thread-title" className="mb-2 text-lg font-semibold">
        Thread
      </h2>
      {/* Additions only: ticking "5 minutes ago" clocks must not be read out. */}
      <ol aria-labelledby="thread-title" aria-live="polite" aria-relevant="additions" className="space-y-2">
        {ticket.events.map((event) => {
          if (event.kind === "comment" || event.kind === "internal_note") {
            const note = event.kind === "internal_note";
            const author = event.authorName ?? "Former user";
            return (
              <li
                key={event.id}
                data-kind={event.kind}
                className={`rounded-lg border p-3 ${
                  note
                    ? "border-dashed border-amber-500 bg-amber-50 dark:border-amber-400 dark:bg-amber-950"
                    : event.byRequester
                      ? "border-gray-200 bg-gray-50 dark:border-gray-700 dark:bg-gray-800"
                      : "border-blue-200 bg-white dark:border-blue-800 dark:bg-gray-900"
                }`}
              >
                <p className="flex flex-wrap items-baseline gap-x-2 text-sm text-gray-700 dark:text-gray-300">
                  <span className="font-semibold text-gray-900 dark:text-gray-100">{author}</span>
                  {!note && <span>{event.byRequester ? "requester" : "reply to the user"}</span>}
                  <TimeAgo date={event.createdAt} />
                </p>
                {note && <p className="mt-1 text-sm font-semibold text-amber-900 dark:text-amber-100">Internal note — not visible to the user</p>}
                <p className="mt-1 break-words whitespace-pre-wrap">{event.body}</p>
              </li>
            );
          }
          return (
            <li key={event.id} data-kind={event.kind} className="flex flex-wrap gap-x-2 px-3 py-1 text-sm text-gray-700 dark:text-gray-300">
              <span aria-hidden="true">•</span>
              <span>{systemText(event)}</span>
              <span aria-hidden="true">·</span>
              <TimeAgo date={event.createdAt} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
