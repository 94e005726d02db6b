"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useRef } from "react";

/**
 * What a live signal does on any screen: refetch client queries and re-render server components,
 * at most every 150 ms, so a burst of changes (a check-in touching many rows) is one refresh.
 */
export function useRefreshSoon(): () => void {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  return useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void queryClient.invalidateQueries();
      router.refresh();
    }, 150);
  }, [queryClient, router]);
}
