"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../_trpc/client";
import { useRefreshSoon } from "./use-refresh-soon";

/** Keeps a help desk page about one user current: their devices, commands and tickets, live. */
export function LiveUserUpdates({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const refreshSoon = useRefreshSoon();
  useSubscription(trpc.live.userUpdates.subscriptionOptions({ userId }, { onData: refreshSoon }));
  return null;
}
