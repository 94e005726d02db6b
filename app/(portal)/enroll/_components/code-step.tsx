"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button, LinkButton } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/trpc/root";
import { Checklist } from "./checklist";
import { CodePanel } from "./code-panel";
import { forgetCode, useStoredCode } from "./code-store";
import { Countdown } from "./countdown";
import { friendlyError } from "./friendly-error";
import { StepHeading } from "./step-heading";
import { useCreateCode } from "./use-create-code";

export type Progress = inferRouterOutputs<AppRouter>["enrollment"]["progress"];

const POLL_MS = 5000;
const complianceWords: Record<string, string> = {
  compliant: "It meets your organization's rules.",
  in_grace: "It does not meet all of your organization's rules yet. Open it to see what to fix, and by when.",
  noncompliant: "It does not meet your organization's rules. Open it to see what to fix.",
};

function NewCodeButton({ ownership, primary }: { ownership: Progress["ownership"]; primary: boolean }) {
  const create = useCreateCode(ownership, "replace");
  const busy = create.isPending || create.isSuccess;
  return (
    <div className="mt-3 space-y-2">
      {create.error && <Alert tone="error">{friendlyError(create.error)}</Alert>}
      <Button variant={primary ? "primary" : "secondary"} onClick={() => create.mutate({ ownership })} disabled={busy} className="w-full sm:w-auto">
        {busy ? "Creating a new code…" : "Get a new code"}
      </Button>
    </div>
  );
}

/**
 * Step 3: the code and the live checklist. Progress comes from enrollment.progress, refetched
 * when <LiveUpdates/> signals a change and every 5 s as a fallback (a refusal writes no row that
 * signals), until the device is set up or the unused code has expired.
 */
export function CodeStep({ codeId, initial }: { codeId: string; initial: Progress }) {
  const trpc = useTRPC();
  const [mountedAt] = useState(() => Date.now());
  const [expired, setExpired] = useState(false);
  const { data, dataUpdatedAt, error } = useQuery(
    trpc.enrollment.progress.queryOptions(
      { codeId },
      {
        initialData: initial,
        initialDataUpdatedAt: mountedAt,
        refetchInterval: (query) => {
          const progress = query.state.data;
          const idle = !progress || progress.done || (!progress.steps.enrolled && progress.expiresAt.getTime() <= progress.now.getTime());
          return idle ? false : POLL_MS;
        },
      },
    ),
  );
  const progress = data ?? initial;
  const stored = useStoredCode(codeId);
  const enrolled = progress.steps.enrolled;
  const skewMs = progress.now.getTime() - (dataUpdatedAt || mountedAt);
  const onExpired = useCallback(() => setExpired(true), []);
  const checklistHeading = useRef<HTMLHeadingElement>(null);
  // Whether keyboard or screen reader focus is in the code card (cleared when it moves elsewhere).
  const focusInCard = useRef(false);

  // The countdown notices expiry on this page; the server's answer covers a reload after it.
  const dead = !enrolled && (expired || progress.expiresAt.getTime() <= progress.now.getTime());
  // A used or dead code has nothing left to show: drop it from this tab's storage.
  const finished = enrolled || dead;
  useEffect(() => {
    if (finished) forgetCode(codeId);
  }, [finished, codeId]);
  // The code card disappears when the device enrolls; focus that was in it must not fall to the
  // page's start, so it moves to the checklist. Focus anywhere else is left alone.
  useEffect(() => {
    if (enrolled && focusInCard.current && (!document.activeElement || document.activeElement === document.body)) checklistHeading.current?.focus();
  }, [enrolled]);

  return (
    <div className="space-y-4">
      <StepHeading step={3} description={progress.done ? "Everything is set up." : enrolled ? "Keep this page open: it updates by itself." : "On the device you are enrolling, open the Ward app and enter this code, or scan the QR code with it."}>
        {progress.done ? "Your device is ready" : enrolled ? "Setting up your device" : "Connect your device"}
      </StepHeading>

      {error && <Alert tone="warning" title="We could not check for updates">{friendlyError(error)} We keep trying.</Alert>}

      {!enrolled && progress.failure && (
        <Alert tone="error">
          <p>
            <strong>Your device could not be enrolled:</strong> {progress.failure.message}
          </p>
          <p className="mt-1">
            Once you have fixed this, try again on the device with the same code while it is valid, or{" "}
            <Link href="/enroll" className="font-medium underline underline-offset-4">
              start again
            </Link>{" "}
            with another choice. Stuck?{" "}
            <Link href="/help" className="font-medium underline underline-offset-4">
              Ask IT for help
            </Link>
            .
          </p>
        </Alert>
      )}

      {!enrolled && (
        <Card
          aria-label="Your one-time code"
          onFocus={() => (focusInCard.current = true)}
          // A removed element's blur has no target: only a real move elsewhere clears the flag.
          onBlur={(event) => {
            if (event.relatedTarget) focusInCard.current = false;
          }}
        >
          {dead ? (
            <Alert tone="warning" title="This code has expired">
              Codes work for 10 minutes. Get a new one and enter it on your device.
            </Alert>
          ) : stored ? (
            <div className="space-y-3">
              <CodePanel stored={stored} />
              <Countdown expiresAt={progress.expiresAt} skewMs={skewMs} onExpired={onExpired} />
            </div>
          ) : (
            <Alert tone="info" title="This code cannot be shown again">
              For your security, a code is shown only in the browser tab where it was created. Get a new one to continue.
            </Alert>
          )}
          {(dead || !stored) && <NewCodeButton ownership={progress.ownership} primary />}
        </Card>
      )}

      {progress.done && progress.device && (
        <Alert tone="success" title={`${progress.device.displayName} is enrolled`}>
          <p>{complianceWords[progress.device.complianceState] ?? ""}</p>
          <div className="mt-3 flex flex-col gap-2 sm:flex-row">
            <LinkButton href={`/devices/${progress.device.id}`}>See your device</LinkButton>
            <LinkButton href="/enroll" variant="secondary">
              Enroll another device
            </LinkButton>
          </div>
        </Alert>
      )}
      {enrolled && !progress.device && (
        <Alert tone="info" title="This device is no longer in your account">
          It was enrolled with this code and removed since.{" "}
          <Link href="/enroll" className="font-medium underline underline-offset-4">
            Enroll a device
          </Link>
        </Alert>
      )}
      <Card>
        <Checklist steps={progress.steps} headingRef={checklistHeading} />
      </Card>
    </div>
  );
}
