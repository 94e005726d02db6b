"use client";

import { Button, LinkButton } from "../../../_components/ui/button";

/** A failure loading the user page, inside the staff frame, with a way to try again. */
export default function UserPageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">We could not load this user</h1>
      <p className="text-gray-700 dark:text-gray-300">It may be a network problem. Try again; if it keeps happening, tell your administrator.</p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={reset}>Try again</Button>
        <LinkButton href="/helpdesk" variant="secondary">
          Back to search
        </LinkButton>
      </div>
    </div>
  );
}
