"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "../../../_trpc/client";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { TimeAgo } from "../../../_components/ui/time-ago";
import { problemOf } from "../../help/_components/problem";
import type { MyRequestRow } from "../../help/_components/my-requests";
import { NotYouReport } from "./not-you-report";

type Notification = inferRouterOutputs<AppRouter>["notifications"]["list"][number];

/** The device an enrollment notice offers to report ("Not you?"), if it does. */
function notYouDevice(n: Notification): string | null {
  return n.kind === "device_enrolled" && n.data.notYou === true && typeof n.data.deviceId === "string" ? n.data.deviceId : null;
}

/**
 * The in-app notification centre (F10), newest first, unread ones emphasized. Opening one marks it
 * read; "Mark all as read" clears the header badge (a server-rendered count, hence the refresh).
 */
export function NotificationList({ initial, initialRequests }: { initial: Notification[]; initialRequests: MyRequestRow[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: notifications = initial } = useQuery(trpc.notifications.list.queryOptions(undefined, { initialData: initial }));
  const { data: requests = initialRequests } = useQuery(trpc.tickets.mine.queryOptions(undefined, { initialData: initialRequests }));
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions());
  const [failure, setFailure] = useState<string | null>(null);
  const unread = notifications.filter((n) => !n.readAt).length;

  async function mark(ids: string[] | "all") {
    setFailure(null);
    try {
      await markRead.mutateAsync({ ids });
      await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
      router.refresh();
    } catch (error) {
      setFailure(problemOf(error).message);
    }
  }

  // The newest open "not you" ticket per device, so a report made earlier still shows its number.
  const reports = new Map<string, MyRequestRow>();
  for (const r of requests) if (r.source === "not_you_report" && r.deviceId && !reports.has(r.deviceId)) reports.set(r.deviceId, r);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite">{unread === 0 ? "You are all caught up." : `${unread} unread`}</p>
        <Button variant="secondary" onClick={() => void mark("all")} disabled={unread === 0 || markRead.isPending}>
          Mark all as read
        </Button>
      </div>
      {failure && <Alert tone="error">{failure}</Alert>}
      {notifications.length === 0 ? (
        <p className="text-gray-700 dark:text-gray-300">No notifications yet.</p>
      ) : (
        <ul className="space-y-3">
          {notifications.map((n) => {
            const deviceId = notYouDevice(n);
            const isUnread = !n.readAt;
            return (
              <li
                key={n.id}
                className={`rounded-lg border p-4 ${isUnread ? "border-l-4 border-gray-300 border-l-brand bg-white dark:border-gray-600 dark:bg-gray-900" : "border-gray-200 dark:border-gray-700"}`}
              >
                <p className={`flex flex-wrap items-center gap-x-2 ${isUnread ? "font-semibold" : "font-medium"}`}>
                  {isUnread && <span className="rounded-full bg-gray-900 px-2 py-0.5 text-xs font-semibold text-white dark:bg-gray-100 dark:text-gray-900">New</span>}
                  {n.link ? (
                    <Link href={n.link} onClick={() => isUnread && void mark([n.id])} className="inline-flex min-h-11 items-center underline underline-offset-4">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                <p className="mt-1 text-gray-700 dark:text-gray-300">{n.body}</p>
                <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
                  <TimeAgo date={n.createdAt} />
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {deviceId && <NotYouReport deviceId={deviceId} reported={reports.get(deviceId) ?? null} onReported={() => isUnread && void mark([n.id])} />}
                  {isUnread && !n.link && (
                    <Button variant="ghost" onClick={() => void mark([n.id])}>
                      Mark as read
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
