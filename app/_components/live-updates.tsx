"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useTRPC } from "../_trpc/client";

/**
 * Keeps every portal screen current without a reload (F12): on each change the server signals
 * (database triggers -> LISTEN -> SSE), client queries are refetched and server components
 * re-rendered, at most a few times a second.
 */
export function LiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(
    trpc.live.updates.subscriptionOptions(undefined, {
      onData: () => {
        if (pending.current) return;
        pending.current = setTimeout(() => {
          pending.current = null;
          void queryClient.invalidateQueries();
          router.refresh();
        }, 150);
      },
    }),
  );
  return null;
}
