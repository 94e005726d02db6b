"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "../../../_trpc/client";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { problemOf } from "../../help/_components/problem";

const requestLink = "inline-flex min-h-11 items-center font-medium underline underline-offset-4";

/**
 * "Not you? Report it" on a new-enrollment notice: after a confirmation that says what happens,
 * locks the device and opens an urgent ticket (devices.reportNotMe), then shows its number.
 */
export function NotYouReport({ deviceId, reported, onReported }: { deviceId: string; reported: { id: string; number: number } | null; onReported: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const report = useMutation(trpc.devices.reportNotMe.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function confirm() {
    setFailure(null);
    try {
      await report.mutateAsync({ deviceId });
      setConfirming(false);
      onReported();
      await queryClient.invalidateQueries({ queryKey: trpc.tickets.mine.queryKey() });
    } catch (error) {
      setFailure(problemOf(error).message);
    }
  }

  const done = report.data ?? (reported && { ticketId: reported.id, ticketNumber: reported.number, commandId: null, alreadyReported: true });
  if (done) {
    return (
      <Alert tone="success" title={`Reported: request #${done.ticketNumber}`} className="w-full">
        <p>{done.commandId ? "A lock is on its way to the device and IT support has been alerted." : "IT support has been alerted and is looking into it."}</p>
        <Link href={`/help/${done.ticketId}`} className={requestLink}>
          Follow request #{done.ticketNumber}
        </Link>
      </Alert>
    );
  }
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Not you? Report it
      </Button>
    );
  }
  return (
    <div role="group" aria-labelledby={`not-you-${deviceId}`} className="w-full rounded-md border border-red-300 p-3 dark:border-red-700">
      <p id={`not-you-${deviceId}`} className="font-semibold">
        Report this device as not yours?
      </p>
      <p className="mt-1">This locks the device and alerts IT. Do it if you did not enroll this device yourself.</p>
      {failure && <Alert tone="error" className="mt-2">{failure}</Alert>}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="danger" onClick={() => void confirm()} disabled={report.isPending}>
          {report.isPending ? "Reporting…" : "Lock it and alert IT"}
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)} autoFocus>
          Cancel
        </Button>
      </div>
    </div>
  );
}
