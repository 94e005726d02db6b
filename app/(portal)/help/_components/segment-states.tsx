"use client";

import { Button } from "../../../_components/ui/button";

/** What a help or notifications screen shows while its data loads: the frame, never a blank page. */
export function SegmentLoading({ title }: { title: string }) {
  return (
    <div role="status" className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p>Loading…</p>
      <div aria-hidden="true" className="space-y-3 motion-safe:animate-pulse">
        <div className="h-24 rounded-lg bg-gray-100 dark:bg-gray-800" />
        <div className="h-40 rounded-lg bg-gray-100 dark:bg-gray-800" />
      </div>
    </div>
  );
}

/** A failure inside the portal frame (header and navigation stay), in words, with a retry. */
export function SegmentError({ title, reset }: { title: string; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p>We could not load this page. Check your connection and try again.</p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
