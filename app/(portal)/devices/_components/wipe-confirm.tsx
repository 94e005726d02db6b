"use client";

import { useId, useState } from "react";
import { Button } from "../../../_components/ui/button";
import { FailureText } from "./failure-text";
import type { Failure } from "./use-device";

/**
 * The last stop before a factory reset: says exactly what is erased and asks for the device's
 * name, typed exactly, so a hurried tap cannot wipe the wrong device. The request itself then
 * asks for a recent sign-in (step-up).
 */
export function WipeConfirm({
  deviceName,
  onConfirm,
  onCancel,
  busy,
}: {
  deviceName: string;
  onConfirm: () => Promise<Failure | null>;
  onCancel?: () => void;
  busy: boolean;
}) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const matches = typed === deviceName;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches) return;
    setFailure(null);
    setFailure(await onConfirm());
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <div id={`${id}-warning`} className="rounded-md border border-red-300 bg-red-50 p-3 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50">
        <p className="font-semibold">This cannot be undone</p>
        <p className="mt-1">
          Everything on {deviceName} is erased: apps, photos, files and settings. It returns to factory settings and is removed from Ward. This cannot be undone.
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-name`} className="block font-medium">
          Type the device name to confirm: <span className="font-mono">{deviceName}</span>
        </label>
        <input
          id={`${id}-name`}
          name="confirmName"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-describedby={`${id}-warning ${id}-match`}
          className="mt-1 block min-h-11 w-full rounded-md border border-gray-500 bg-white px-3 text-base text-gray-900 dark:border-gray-400 dark:bg-gray-800 dark:text-gray-100"
        />
        <p id={`${id}-match`} className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          {matches ? "The name matches." : "The wipe button turns on when the name matches exactly."}
        </p>
      </div>
      <FailureText failure={failure} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" variant="danger" disabled={!matches || busy}>
          {busy ? "Wiping…" : `Wipe ${deviceName}`}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Keep it
          </Button>
        )}
      </div>
    </form>
  );
}
