"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "../../../_trpc/client";
import { Alert } from "../../../_components/ui/alert";
import { LinkButton } from "../../../_components/ui/button";
import { StatusPill } from "../../../_components/ui/status-pill";
import { TimeAgo } from "../../../_components/ui/time-ago";
import { CloseRequest } from "./close-request";
import { requestStatusLabels, requestStatusTone, statusChangeText } from "./labels";
import { ReplyForm } from "./reply-form";

export type RequestView = inferRouterOutputs<AppRouter>["tickets"]["get"];

const stateNotes = {
  waiting_on_user: { tone: "warning", title: "IT support is waiting for your answer", text: "Reply below so they can carry on." },
  resolved: { tone: "success", title: "Resolved", text: "If the problem is back, reply below and the request reopens." },
  closed: { tone: "info", title: "This request is closed", text: "You can no longer reply to it. Open a new request if you need help again." },
} as const;

/**
 * One request's conversation. A client query: when IT support answers (or the same user replies
 * from another device), live updates refetch it and the new message is announced (aria-live).
 */
export function RequestThread({ initial }: { initial: RequestView }) {
  const trpc = useTRPC();
  const { data: request = initial } = useQuery(trpc.tickets.get.queryOptions({ ticketId: initial.id }, { initialData: initial }));
  const note = request.status in stateNotes ? stateNotes[request.status as keyof typeof stateNotes] : null;
  return (
    <div className="space-y-5">
      <Link href="/help" className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
        <span aria-hidden="true">←&nbsp;</span>All requests
      </Link>
      <div>
        <h1 className="text-2xl font-semibold break-words">{request.subject}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-gray-700 dark:text-gray-300">
          <StatusPill tone={requestStatusTone[request.status]}>{requestStatusLabels[request.status]}</StatusPill>
          <span>#{request.number}</span>
          <span>{request.deviceName ? `about ${request.deviceName}` : "general question"}</span>
          <span>
            opened <TimeAgo date={request.createdAt} />
          </span>
        </p>
      </div>
      {note && (
        <Alert tone={note.tone} title={note.title}>
          {note.text}
        </Alert>
      )}
      <h2 id="conversation" className="text-lg font-semibold">
        Conversation
      </h2>
      {/* Additions only: the "3 minutes ago" clocks ticking must not be read out. */}
      <ol aria-labelledby="conversation" aria-live="polite" aria-relevant="additions" className="space-y-3">
        {request.events.map((event) =>
          event.kind === "comment" ? (
            <li
              key={event.id}
              className={`rounded-lg border p-3 ${
                event.by === "you"
                  ? "ml-6 border-gray-200 bg-gray-100 dark:border-gray-700 dark:bg-gray-800"
                  : "mr-6 border-gray-300 bg-white dark:border-gray-600 dark:bg-gray-900"
              }`}
            >
              <p className="text-sm text-gray-700 dark:text-gray-300">
                <span className="font-semibold text-gray-900 dark:text-gray-100">{event.by === "you" ? "You" : "IT support"}</span> · <TimeAgo date={event.createdAt} />
              </p>
              <p className="mt-1 break-words whitespace-pre-wrap">{event.body}</p>
            </li>
          ) : (
            <li key={event.id} className="text-center text-sm text-gray-700 dark:text-gray-300">
              {statusChangeText(event.from, event.to)} · <TimeAgo date={event.createdAt} />
            </li>
          ),
        )}
      </ol>
      {request.status === "closed" ? (
        <LinkButton href="/help" className="w-full sm:w-auto">
          Open a new request
        </LinkButton>
      ) : (
        <>
          <ReplyForm ticketId={request.id} reopens={request.status === "resolved"} />
          <CloseRequest ticketId={request.id} number={request.number} />
        </>
      )}
    </div>
  );
}
