"use client";

import { signOut } from "next-auth/react";
import { clearWardStorage } from "./pwa/clear-caches";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        await clearWardStorage();
        await signOut({ callbackUrl: "/signin" });
      }}
      className="min-h-11 rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-600 dark:hover:bg-gray-800"
    >
      Sign out
    </button>
  );
}
