"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";
import { problemOf } from "../../tickets/_components/form-controls";

/**
 * "Check the chain": recomputes the audit trail's hash chain on the server (staff.audit.verify).
 * Run on request only, never on page load: it reads every event. The answer is a status when
 * intact and an alert when broken, naming the first event that does not match.
 */
export function ChainCheck() {
  const trpc = useTRPC();
  const check = useQuery(trpc.staff.audit.verify.queryOptions(undefined, { enabled: false, retry: false, gcTime: 0 }));
  const result = check.data;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={() => void check.refetch()} disabled={check.isFetching}>
        {check.isFetching ? "Checking…" : "Check the chain"}
      </Button>
      {check.isFetching ? (
        <p role="status" className="text-sm">
          Recomputing every event’s hash…
        </p>
      ) : check.isError ? (
        <Alert tone="error">{problemOf(check.error).message}</Alert>
      ) : result?.intact ? (
        <Alert tone="success" className="py-2">
          Chain intact: {result.checked} events checked.
        </Alert>
      ) : result ? (
        <Alert tone="error" className="py-2">
          Chain broken at event #{result.brokenAtSeq} ({result.reason === "link_mismatch" ? "it does not link to the event before it" : "its contents do not match its hash"}). {result.checked} events before it are intact.
        </Alert>
      ) : null}
    </div>
  );
}
