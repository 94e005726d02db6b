"use client";

import { useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button, buttonClass } from "@/app/_components/ui/button";
import { problemOf } from "../../../helpdesk/tickets/_components/form-controls";

/**
 * Delete with one confirming step in place (no modal: focus stays in the row), and the server's
 * refusal in its own words right there ("used by 1 assignment; remove it first").
 */
export function DeleteButton({ what, name, onDelete }: { what: string; name: string; onDelete: () => Promise<unknown> }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);

  async function run() {
    setPending(true);
    setFailure(null);
    try {
      await onDelete();
    } catch (caught) {
      setFailure(problemOf(caught).message);
      setConfirming(false);
      requestAnimationFrame(() => trigger.current?.focus());
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      {confirming ? (
        <div role="group" aria-label={`Confirm deleting ${name}`} className="flex flex-wrap items-center gap-2">
          <span className="text-sm">
            Delete {what} “{name}”?
          </span>
          {/* Native buttons where focus is moved: the kit's Button takes no ref. */}
          <button type="button" ref={confirm} className={buttonClass("danger")} disabled={pending} onClick={() => void run()}>
            {pending ? "Deleting…" : "Yes, delete"}
          </button>
          <Button
            variant="secondary"
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => trigger.current?.focus());
            }}
          >
            Cancel
          </Button>
        </div>
      ) : (
        <button
          type="button"
          ref={trigger}
          className={buttonClass("secondary")}
          onClick={() => {
            setFailure(null);
            setConfirming(true);
            requestAnimationFrame(() => confirm.current?.focus());
          }}
        >
          Delete<span className="sr-only"> {name}</span>
        </button>
      )}
      {failure && (
        <Alert tone="error" title={`“${name}” was not deleted`}>
          {failure}
        </Alert>
      )}
    </div>
  );
}
