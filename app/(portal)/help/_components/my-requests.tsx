"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "../../../_trpc/client";
import { Card } from "../../../_components/ui/card";
import { StatusPill } from "../../../_components/ui/status-pill";
import { TimeAgo } from "../../../_components/ui/time-ago";
import { requestStatusLabels, requestStatusTone } from "./labels";

export type MyRequestRow = inferRouterOutputs<AppRouter>["tickets"]["mine"][number];

/** The user's requests with where each stands; a client query, so live updates refetch it. */
export function MyRequests({ initial }: { initial: MyRequestRow[] }) {
  const trpc = useTRPC();
  const { data = initial } = useQuery(trpc.tickets.mine.queryOptions(undefined, { initialData: initial }));
  return (
    <Card aria-labelledby="my-requests">
      <h2 id="my-requests" className="text-lg font-semibold">
        My requests
      </h2>
      {data.length === 0 ? (
        <p className="mt-2 text-gray-700 dark:text-gray-300">You have not asked for help yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-gray-200 dark:divide-gray-700">
          {data.map((request) => (
            <li key={request.id} className="py-3">
              <Link href={`/help/${request.id}`} className="inline-flex min-h-11 items-center font-medium underline-offset-4 hover:underline">
                {request.subject}
              </Link>
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-gray-700 dark:text-gray-300">
                <StatusPill tone={requestStatusTone[request.status]}>{requestStatusLabels[request.status]}</StatusPill>
                <span>#{request.number}</span>
                <span>{request.deviceName ? `about ${request.deviceName}` : "general"}</span>
                <span>
                  updated <TimeAgo date={request.updatedAt} />
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
