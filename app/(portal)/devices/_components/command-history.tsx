"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "../../../_components/ui/button";
import { commandTone, StatusPill } from "../../../_components/ui/status-pill";
import { TimeAgo } from "../../../_components/ui/time-ago";
import { FailureText } from "./failure-text";
import { commandLabels, isActive, statusHints, statusLabels, type CommandKind, type CommandStatus } from "./labels";
import type { DeviceCommand, Failure } from "./use-device";

const REVEAL_MS = 7 * 24 * 3600 * 1000;

/** What a command carried, in a few words ("to “Work phone”"). */
function detail(command: DeviceCommand): string | null {
  const payload = command.payload as Record<string, unknown>;
  if (command.kind === "rename" && typeof payload.name === "string") return `to “${payload.name}”`;
  if (command.kind === "lock" && typeof payload.message === "string") return `“${payload.message}”${typeof payload.phone === "string" ? ` · ${payload.phone}` : ""}`;
  if (command.kind === "reset_passcode") return payload.mode === "temporary" ? "temporary passcode" : "passcode removed";
  return null;
}

/** Announces each change of state once ("Lock: done"); the first render says nothing. */
function useAnnouncements(commands: DeviceCommand[]): string {
  const seen = useRef<Map<string, string> | null>(null);
  const [text, setText] = useState("");
  useEffect(() => {
    const previous = seen.current;
    seen.current = new Map(commands.map((c) => [c.id, c.status]));
    if (!previous) return;
    const changes = commands
      .filter((c) => previous.get(c.id) !== c.status)
      .map((c) => `${commandLabels[c.kind as CommandKind]}: ${statusLabels[c.status as CommandStatus].toLowerCase()}`);
    if (changes.length > 0) setText(changes.join(". "));
  }, [commands]);
  return text;
}

/**
 * Every action on the device with its live state (pending, sent, done, failed, canceled), and a way
 * to call off what has not happened yet.
 */
export function CommandHistory({
  commands,
  onCancel,
  onReveal,
  busy,
}: {
  commands: DeviceCommand[];
  onCancel: (commandId: string) => Promise<Failure | null>;
  onReveal: (command: DeviceCommand) => void;
  busy: boolean;
}) {
  const announcement = useAnnouncements(commands);
  const [failure, setFailure] = useState<{ id: string; failure: Failure } | null>(null);
  // Read once per render of new data, not during it, so the reveal window is stable and pure.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => setNow(Date.now()), [commands]);

  async function cancel(commandId: string) {
    setFailure(null);
    const result = await onCancel(commandId);
    if (result) setFailure({ id: commandId, failure: result });
  }

  return (
    <>
      <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="command-announcer">
        {announcement}
      </p>
      {commands.length === 0 ? (
        <p className="text-gray-700 dark:text-gray-300">No actions yet.</p>
      ) : (
        <ol className="divide-y divide-gray-200 dark:divide-gray-700" aria-label="Actions, newest first">
          {commands.map((command) => {
            const label = commandLabels[command.kind as CommandKind];
            const status = command.status as CommandStatus;
            const revealable =
              command.kind === "reset_passcode" &&
              (command.payload as Record<string, unknown>).mode === "temporary" &&
              (status === "pending" || status === "sent" || status === "completed") &&
              now !== null &&
              now - new Date(command.createdAt).getTime() < REVEAL_MS;
            return (
              <li key={command.id} className="py-3" data-command-kind={command.kind}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-medium">
                    {label}
                    {detail(command) && <span className="font-normal text-gray-700 dark:text-gray-300"> {detail(command)}</span>}
                  </p>
                  <StatusPill tone={commandTone[status] ?? "neutral"}>{statusLabels[status]}</StatusPill>
                </div>
                <p className="text-sm text-gray-700 dark:text-gray-300">
                  {command.origin === "self_service" ? "By you" : command.origin === "help_desk" ? "By IT" : "By policy"} · <TimeAgo date={command.createdAt} /> ·{" "}
                  {command.status === "failed" && command.error ? command.error : statusHints[status]}
                </p>
                {command.cancelNote && <p className="text-sm text-gray-700 dark:text-gray-300">{command.cancelNote}</p>}
                {(command.canCancel || revealable) && (
                  <div className="mt-2 flex flex-wrap gap-2">
                    {command.canCancel && isActive(status) && (
                      <Button variant="secondary" disabled={busy} onClick={() => cancel(command.id)}>
                        Cancel {label.toLowerCase()}
                      </Button>
                    )}
                    {revealable && (
                      <Button variant="secondary" onClick={() => onReveal(command)}>
                        Show temporary passcode
                      </Button>
                    )}
                  </div>
                )}
                {failure?.id === command.id && <FailureText failure={failure.failure} />}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
