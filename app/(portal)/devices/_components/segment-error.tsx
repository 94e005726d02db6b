"use client";

import { Button, LinkButton } from "../../../_components/ui/button";

/** A friendly error for a device screen, inside the portal's frame, with a way to try again. */
export function SegmentError({ what, retry }: { what: string; retry: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">We could not load {what}</h1>
      <p className="text-gray-700 dark:text-gray-300">It may be a network problem. Try again; if it keeps happening, contact the help desk.</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button onClick={retry}>Try again</Button>
        <LinkButton href="/help" variant="secondary">
          Get help
        </LinkButton>
      </div>
    </div>
  );
}
