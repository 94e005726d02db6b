"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useTRPC } from "../_trpc/client";
import { clearWardStorage } from "./pwa/clear-caches";
import { unsubscribeThisBrowser } from "./pwa/push-subscription";

/**
 * Signs out and leaves nothing of the user in this browser: its push subscription ends (on a
 * shared device the next person must not get this user's notifications), then Ward's caches and
 * storage are cleared. Each step is best effort: signing out must never get stuck.
 */
export function SignOutButton() {
  const trpc = useTRPC();
  const forget = useMutation(trpc.notificationSettings.unsubscribe.mutationOptions());
  return (
    <button
      type="button"
      onClick={async () => {
        const endpoint = await unsubscribeThisBrowser().catch(() => null);
        if (endpoint) await forget.mutateAsync({ endpoint }).catch(() => undefined);
        await clearWardStorage();
        await signOut({ callbackUrl: "/signin" });
      }}
      className="min-h-11 rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-600 dark:hover:bg-gray-800"
    >
      Sign out
    </button>
  );
}
