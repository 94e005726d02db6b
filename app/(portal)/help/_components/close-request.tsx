"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../../_trpc/client";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { problemOf } from "./problem";

/** "I don't need help any more", with a second tap to confirm: a closed request cannot be reopened. */
export function CloseRequest({ ticketId, number }: { ticketId: string; number: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const close = useMutation(trpc.tickets.close.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function confirm() {
    setFailure(null);
    try {
      await close.mutateAsync({ ticketId });
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: trpc.tickets.get.queryKey({ ticketId }) });
    } catch (error) {
      setFailure(problemOf(error).message);
    }
  }

  if (!confirming) {
    return (
      <div className="border-t border-gray-200 pt-4 dark:border-gray-700">
        <p className="text-gray-700 dark:text-gray-300">Sorted it out yourself?</p>
        <Button variant="secondary" onClick={() => setConfirming(true)} className="mt-2">
          Close this request
        </Button>
      </div>
    );
  }
  return (
    <div role="group" aria-labelledby="close-title" className="rounded-md border border-gray-300 p-3 dark:border-gray-600">
      <p id="close-title" className="font-semibold">
        Close request #{number}?
      </p>
      <p className="mt-1 text-gray-700 dark:text-gray-300">You will not be able to reply to it any more; you can always open a new one.</p>
      {failure && <Alert tone="error" className="mt-2">{failure}</Alert>}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void confirm()} disabled={close.isPending}>
          Close request
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)} autoFocus>
          Keep it open
        </Button>
      </div>
    </div>
  );
}
