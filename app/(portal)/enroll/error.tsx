"use client";

import { Alert } from "@/app/_components/ui/alert";
import { Button, LinkButton } from "@/app/_components/ui/button";

/** A step failed to load: say so in plain words and offer a way on; never raw error text. */
export default function EnrollError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Enroll a device</h1>
      <Alert tone="error" title="This step did not load">
        Something went wrong on our side or with the connection. Your code, if you had one, still works for its 10 minutes.
      </Alert>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button onClick={reset}>Try again</Button>
        <LinkButton href="/enroll" variant="secondary">
          Start again
        </LinkButton>
      </div>
    </div>
  );
}
