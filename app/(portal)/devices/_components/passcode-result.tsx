"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "../../../_components/ui/button";
import { useTRPC } from "../../../_trpc/client";
import { FailureText } from "./failure-text";
import { statusLabels, type CommandStatus } from "./labels";
import { failureOf } from "./use-device";

const when = (date: Date) => new Date(date).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * The outcome of a passcode reset. Android: the temporary passcode, large and copyable, read from
 * the server once when this opens (each reveal is audited). iOS and iPadOS: the passcode is
 * removed instead, and the person sets a new one on the device.
 */
export function PasscodeResult({
  commandId,
  temporary,
  deviceName,
  status,
  onClose,
}: {
  commandId: string;
  temporary: boolean;
  deviceName: string;
  status: CommandStatus;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const asked = useRef(false);
  const reveal = useMutation(trpc.devices.revealPasscode.mutationOptions());
  const [copied, setCopied] = useState(false);

  const { mutate } = reveal;
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (temporary && !asked.current) {
      asked.current = true;
      mutate({ commandId });
    }
  }, [temporary, commandId, mutate]);

  async function copy(passcode: string) {
    try {
      await navigator.clipboard.writeText(passcode);
      setCopied(true);
    } catch {
      // No clipboard (older browser, no permission): select the digits for a manual copy.
      const range = document.createRange();
      range.selectNodeContents(document.getElementById(`${id}-code`)!);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
  }

  const done = status === "completed";
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border-2 border-brand p-4">
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1} className="text-lg font-semibold">
        {temporary ? `Temporary passcode for ${deviceName}` : done ? "The passcode was removed" : "The passcode will be removed"}
      </h3>
      {temporary ? (
        <>
          {reveal.isPending && <p className="mt-2">Getting the passcode…</p>}
          {reveal.isError && <FailureText failure={failureOf(reveal.error)} />}
          {reveal.data && (
            <>
              <p id={`${id}-code`} data-passcode className="my-3 font-mono text-5xl font-semibold tracking-[0.2em] select-all">
                {reveal.data.passcode}
              </p>
              <p>
                Valid until {when(reveal.data.expiresAt)}. Unlock {deviceName} with it, then choose a new passcode of your own.
              </p>
              <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">
                {done ? "It is set on the device." : `It takes effect when the device receives it (now: ${statusLabels[status].toLowerCase()}).`} Until then,
                your current passcode still works.
              </p>
              <Button variant="secondary" className="mt-3 w-full sm:w-auto" onClick={() => copy(reveal.data.passcode)}>
                {copied ? "Copied" : "Copy passcode"}
              </Button>
              <p aria-live="polite" className="sr-only">
                {copied ? "Passcode copied." : ""}
              </p>
            </>
          )}
        </>
      ) : (
        <p className="mt-2">
          {done
            ? `The passcode was removed; set a new one on ${deviceName}.`
            : `The passcode on ${deviceName} is removed as soon as it receives the request; then set a new one on the device.`}
        </p>
      )}
      <Button className="mt-3 w-full sm:w-auto" onClick={onClose}>
        {temporary ? "I have noted it" : "Close"}
      </Button>
    </section>
  );
}
