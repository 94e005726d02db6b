"use client";

import { useEffect, useRef, useState } from "react";
import type { Workbox } from "workbox-window";

/**
 * Registers Ward's service worker (/sw.js, production builds only) and, when a new version
 * has installed and is waiting, offers "A new version is ready. Reload".
 */
export function ServiceWorkerUpdates() {
  const workbox = useRef<Workbox | null>(null);
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    void import("workbox-window").then(({ Workbox }) => {
      if (cancelled) return;
      const wb = new Workbox("/sw.js", { scope: "/" });
      wb.addEventListener("waiting", () => setWaiting(true));
      workbox.current = wb;
      wb.register().catch(() => undefined);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!waiting) return null;

  function reload() {
    // Reload once the new worker controls the page, so the page and its assets match.
    navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
    workbox.current?.messageSkipWaiting();
  }

  return (
    <div
      role="status"
      className="fixed inset-x-2 bottom-2 z-50 mx-auto flex max-w-md items-center justify-between gap-3 rounded-lg border border-gray-300 bg-white p-3 text-sm shadow-lg dark:border-gray-600 dark:bg-gray-800"
    >
      <span>A new version is ready.</span>
      <button
        type="button"
        onClick={reload}
        className="min-h-11 rounded-md bg-gray-900 px-4 font-medium text-white hover:bg-gray-700 dark:bg-white dark:text-gray-900 dark:hover:bg-gray-200"
      >
        Reload
      </button>
    </div>
  );
}
