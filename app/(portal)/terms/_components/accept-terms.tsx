"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button, LinkButton } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";
import { friendlyError } from "../../enroll/_components/friendly-error";
import { formatDateTime } from "./format-date";

type Props = {
  versionId: string;
  titleId: string;
  mustAccept: boolean;
  accepted: { version: number; acceptedAt: Date } | null;
  next: { href: string; label: string };
  /** Other documents still wait for acceptance, so "continue" would only bounce back. */
  othersPending: boolean;
};

/**
 * "I accept" for one terms version, or where the user stands with it. Rendered in the same place
 * before and after acceptance, so the confirmation survives the server re-render that follows.
 */
export function AcceptTerms({ versionId, titleId, mustAccept, accepted, next, othersPending }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.terms.accept.mutationOptions({ onSuccess: () => router.refresh() }));
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (accept.isSuccess) confirmation.current?.focus();
  }, [accept.isSuccess]);

  const onward = othersPending ? (
    <p className="mt-2">Other terms below still need your acceptance.</p>
  ) : (
    <LinkButton href={next.href} className="mt-3 w-full sm:w-auto">
      {next.label}
    </LinkButton>
  );

  if (accept.isSuccess) {
    return (
      <div ref={confirmation} tabIndex={-1}>
        <Alert tone="success" title="Thank you: you accepted these terms">
          <p>Recorded on {formatDateTime(accept.data.acceptedAt)}.</p>
          {onward}
        </Alert>
      </div>
    );
  }
  if (!mustAccept) {
    return (
      <Alert tone="success" title="You have accepted these terms">
        {accepted && (
          <p>
            Version {accepted.version}, on {formatDateTime(accepted.acceptedAt)}.
          </p>
        )}
        {onward}
      </Alert>
    );
  }
  return (
    <div className="space-y-3">
      {accept.error && (
        <Alert tone="error" title="Your acceptance was not saved">
          {friendlyError(accept.error)}
        </Alert>
      )}
      <p id={`${titleId}-accept-hint`} className="text-gray-700 dark:text-gray-300">
        By accepting, you agree to the terms above. We record when you accepted and from which browser.
      </p>
      <Button
        onClick={() => accept.mutate({ versionId })}
        disabled={accept.isPending}
        aria-describedby={`${titleId} ${titleId}-accept-hint`}
        className="w-full sm:w-auto"
      >
        {accept.isPending ? "Saving…" : "I accept"}
      </Button>
    </div>
  );
}
