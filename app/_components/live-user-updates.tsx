"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useTRPC } from "../_trpc/client";

/** Keeps a help desk page about one user current: their devices, commands and tickets, live. */
export function LiveUserUpdates({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(
    trpc.live.userUpdates.subscriptionOptions(
      { userId },
      {
        onData: () => {
          if (pending.current) return;
          pending.current = setTimeout(() => {
            pending.current = null;
            void queryClient.invalidateQueries();
            router.refresh();
          }, 150);
        },
      },
    ),
  );
  return null;
}
