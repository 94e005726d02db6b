"use client";

import { Alert } from "@/app/_components/ui/alert";
import { Button, LinkButton } from "@/app/_components/ui/button";

/** The terms failed to load: plain words and a way on, never raw error text. */
export default function TermsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Terms</h1>
      <Alert tone="error" title="The terms did not load">
        Something went wrong on our side or with the connection. Nothing you accepted is lost.
      </Alert>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button onClick={reset}>Try again</Button>
        <LinkButton href="/" variant="secondary">
          Back to home
        </LinkButton>
      </div>
    </div>
  );
}
