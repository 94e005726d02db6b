"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert } from "../../_components/ui/alert";
import { Button } from "../../_components/ui/button";
import { useTRPC } from "../../_trpc/client";
import { ActionHistory } from "./action-history";
import { DeviceCard } from "./device-card";
import { commandLabels, compactButton, isActive, STAFF_ACTIONS, statusLabels, type CommandKind, type CommandStatus, type StaffActionKind } from "./labels";
import type { UserAction, UserPage } from "./types";
import { useStaffActions, type ActionValues } from "./use-staff-actions";

/** Announces each change of an action's state once ("Lock on Pixel 8: done"); the first render says nothing. */
function useAnnouncement(actions: UserAction[]): string {
  const seen = useRef<Map<string, string> | null>(null);
  const [text, setText] = useState("");
  useEffect(() => {
    const previous = seen.current;
    seen.current = new Map(actions.map((a) => [a.id, a.status]));
    if (!previous) return;
    const changes = actions
      .filter((a) => previous.get(a.id) !== a.status)
      .map((a) => `${commandLabels[a.kind as CommandKind]} on ${a.deviceName}: ${statusLabels[a.status as CommandStatus].toLowerCase()}`);
    if (changes.length > 0) setText(changes.join(". "));
  }, [actions]);
  return text;
}

const requestedText = (kind: StaffActionKind, name: string) =>
  kind === "delete"
    ? `The record of ${name} was deleted.`
    : `${STAFF_ACTIONS.find((a) => a.kind === kind)?.label} requested for ${name}. Its state shows in Actions below as the device answers.`;

/**
 * The live part of the user page: devices with their actions, and the actions' history. It reads
 * staff.users.get (first from the server's render), which LiveUserUpdates invalidates whenever
 * the server signals a change to this user, so states move without a reload.
 */
export function UserDevices({ initial }: { initial: UserPage }) {
  const trpc = useTRPC();
  const userId = initial.profile.id;
  const query = useQuery(trpc.staff.users.get.queryOptions({ userId }, { initialData: initial }));
  const page = query.data;
  const { run, cancel, busy } = useStaffActions(userId);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const actions = page.actions ?? [];
  const announcement = useAnnouncement(actions);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  async function onRun(deviceId: string, name: string, kind: StaffActionKind, values: ActionValues) {
    setNotice(null);
    const refused = await run(kind, deviceId, values);
    if (!refused) setNotice(requestedText(kind, name));
    return refused;
  }

  return (
    <>
      <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="command-announcer">
        {announcement}
      </p>
      {query.isRefetchError && (
        <Alert tone="warning" title="This page could not be refreshed" className="mb-3">
          <p>What you see may be out of date.</p>
          <Button variant="secondary" className={`mt-2 ${compactButton}`} onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Alert>
      )}
      {page.devices && (
        <section aria-labelledby="devices-title">
          <h2 id="devices-title" className="text-lg font-semibold">
            Devices <span className="text-base font-normal text-gray-700 dark:text-gray-300">({page.devices.length})</span>
          </h2>
          {notice && (
            <p ref={noticeRef} tabIndex={-1} className="mt-2 rounded-md border border-blue-300 bg-blue-50 p-2 text-sm text-blue-950 dark:border-blue-700 dark:bg-blue-950 dark:text-blue-50">
              {notice}
            </p>
          )}
          {page.devices.length === 0 ? (
            <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">No devices you can see.</p>
          ) : (
            <div className="mt-2 space-y-3">
              {page.devices.map((device) => (
                <DeviceCard
                  key={device.id}
                  device={device}
                  active={actions.filter((a) => a.deviceId === device.id && isActive(a.status))}
                  busy={busy}
                  onRun={(kind, values) => onRun(device.id, device.displayName, kind, values)}
                />
              ))}
            </div>
          )}
        </section>
      )}
      {page.actions && (
        <section aria-labelledby="actions-title" className="mt-5" data-testid="user-actions">
          <h2 id="actions-title" className="text-lg font-semibold">
            Actions
          </h2>
          <ActionHistory actions={page.actions} busy={busy} onCancel={cancel} />
        </section>
      )}
    </>
  );
}
