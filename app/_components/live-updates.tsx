"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../_trpc/client";
import { useRefreshSoon } from "./use-refresh-soon";

/**
 * Keeps every portal screen current without a reload (F12): on each change the server signals
 * (database triggers -> LISTEN -> SSE), client queries are refetched and server components
 * re-rendered, at most a few times a second.
 */
export function LiveUpdates() {
  const trpc = useTRPC();
  const refreshSoon = useRefreshSoon();
  useSubscription(trpc.live.updates.subscriptionOptions(undefined, { onData: refreshSoon }));
  return null;
}
