"use client";

import Link from "next/link";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { errorAppCode, friendlyError } from "./friendly-error";
import { useCreateCode } from "./use-create-code";

/** Step 2's "Continue": creates the one-time code and moves to step 3. */
export function CreateCodeButton({ ownership }: { ownership: "personal" | "corporate" }) {
  const create = useCreateCode(ownership);
  const busy = create.isPending || create.isSuccess;
  return (
    <div className="space-y-3">
      {create.error && (
        <Alert tone="error" title="We could not create your code">
          <p>{friendlyError(create.error)}</p>
          {errorAppCode(create.error) === "TERMS_NOT_ACCEPTED" && (
            <Link href="/terms?next=/enroll" className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
              Read and accept the terms
            </Link>
          )}
        </Alert>
      )}
      <p id="create-code-hint" className="text-gray-700 dark:text-gray-300">
        Next you get a one-time code for your device. It works for 10 minutes.
      </p>
      <Button onClick={() => create.mutate({ ownership })} disabled={busy} aria-describedby="create-code-hint" className="w-full sm:w-auto">
        {busy ? "Creating your code…" : "Continue"}
      </Button>
    </div>
  );
}
