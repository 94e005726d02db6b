"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "../../../_trpc/client";
import { Alert } from "../../../_components/ui/alert";
import { problemOf } from "../../help/_components/problem";

type Matrix = inferRouterOutputs<AppRouter>["notificationSettings"]["preferences"];
type Kind = keyof Matrix;
type Channel = "email" | "push";

const KINDS: { kind: Kind; label: string; hint: string }[] = [
  { kind: "device_enrolled", label: "A new device is enrolled on your account", hint: "With a way to report it if it was not you." },
  { kind: "device_noncompliant", label: "A device needs attention", hint: "What to fix, and by when, before it loses access." },
  { kind: "command_failed", label: "An action on a device failed", hint: "For example a lock or passcode reset that did not go through." },
  { kind: "command_finished", label: "An action on a device finished", hint: "You usually see this on screen already." },
  { kind: "ticket_reply", label: "IT support replied to your request", hint: "Or changed its status." },
];
const CHANNEL_LABEL: Record<Channel, string> = { email: "E-mail", push: "Push" };

/**
 * One group per kind of notification with a checkbox per channel, saved as soon as it changes (no
 * save button to forget). The box shows the choice at once and goes back if saving fails.
 */
export function NotificationPreferences({ initial, emailAvailable, pushAvailable }: { initial: Matrix; emailAvailable: boolean; pushAvailable: boolean }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.notificationSettings.setPreference.mutationOptions());
  const [matrix, setMatrix] = useState(initial);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function change(kind: Kind, channel: Channel, enabled: boolean, label: string) {
    const before = matrix;
    setMatrix({ ...matrix, [kind]: { ...matrix[kind], [channel]: enabled } });
    setStatus(null);
    try {
      setMatrix(await save.mutateAsync({ kind, channel, enabled }));
      setStatus({ tone: "success", text: `Saved: ${CHANNEL_LABEL[channel].toLowerCase()} ${enabled ? "on" : "off"} for "${label}".` });
    } catch (error) {
      setMatrix(before);
      setStatus({ tone: "error", text: `Not saved: ${problemOf(error).message}` });
    }
  }

  const channels: { channel: Channel; available: boolean; unavailable: string }[] = [
    { channel: "email", available: emailAvailable, unavailable: "E-mail is not set up on this server." },
    { channel: "push", available: pushAvailable, unavailable: "Push is not set up on this server." },
  ];
  return (
    <div className="mt-4 space-y-4">
      {channels
        .filter((c) => !c.available)
        .map((c) => (
          <p key={c.channel} className="text-gray-700 dark:text-gray-300">
            {c.unavailable}
          </p>
        ))}
      {KINDS.map(({ kind, label, hint }) => (
        <fieldset key={kind} className="rounded-md border border-gray-300 p-3 dark:border-gray-600" aria-describedby={`${kind}-hint`}>
          <legend className="px-1 font-medium">{label}</legend>
          <p id={`${kind}-hint`} className="text-sm text-gray-700 dark:text-gray-300">
            {hint}
          </p>
          <div className="mt-2 flex flex-wrap gap-x-6">
            {channels.map(({ channel, available }) => (
              <label key={channel} className="inline-flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  className="size-5 accent-[var(--brand)]"
                  checked={available && matrix[kind][channel]}
                  disabled={!available}
                  onChange={(event) => void change(kind, channel, event.target.checked, label)}
                />
                {CHANNEL_LABEL[channel]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div aria-live="polite">{status && <Alert tone={status.tone}>{status.text}</Alert>}</div>
    </div>
  );
}
