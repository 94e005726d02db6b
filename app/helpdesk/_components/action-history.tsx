"use client";

import { Fragment, useState } from "react";
import { Button } from "../../_components/ui/button";
import { commandTone, StatusPill } from "../../_components/ui/status-pill";
import { TimeAgo } from "../../_components/ui/time-ago";
import { TextArea } from "./action-form";
import { commandLabels, compactButton, isActive, originLabels, statusLabels, type CommandKind, type CommandStatus } from "./labels";
import type { UserAction } from "./types";
import { reasonError, type FieldErrors } from "./use-staff-actions";

/** What a command carried, in a few words. */
function detail(action: UserAction): string | null {
  const payload = action.payload as Record<string, unknown>;
  if (action.kind === "rename" && typeof payload.name === "string") return `to “${payload.name}”`;
  if (action.kind === "lock" && typeof payload.message === "string") return `“${payload.message}”${typeof payload.phone === "string" ? ` · ${payload.phone}` : ""}`;
  return null;
}

/** Calling off a pending or sent action also takes a reason (it is audited like the request). */
function CancelForm({ label, busy, onCancel, onClose }: { label: string; busy: boolean; onCancel: (reason: string) => Promise<FieldErrors | null>; onClose: () => void }) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = reasonError(reason);
    const found = invalid ? { reason: invalid } : ((await onCancel(reason)) ?? {});
    setErrors(found);
    if (Object.keys(found).length === 0) onClose();
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-2" onKeyDown={(event) => event.key === "Escape" && onClose()}>
      <TextArea label={`Reason to cancel the ${label.toLowerCase()}`} name="reason" rows={2} maxLength={500} required autoFocus value={reason} error={errors.reason} onChange={(event) => setReason(event.target.value)} />
      {errors.form && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={busy} className={compactButton}>
          Cancel {label.toLowerCase()}
        </Button>
        <Button variant="secondary" onClick={onClose} className={compactButton}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

/** Pending and past actions on this user's devices, newest first, with their live state. */
export function ActionHistory({ actions, busy, onCancel }: { actions: UserAction[]; busy: boolean; onCancel: (commandId: string, reason: string) => Promise<FieldErrors | null> }) {
  const [cancelling, setCancelling] = useState<string | null>(null);
  if (actions.length === 0) return <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">No actions on this user’s devices yet.</p>;
  return (
    <div className="mt-2">
      {/* Cells wrap anywhere rather than scroll sideways, so narrow windows need no extra tab stop. */}
      <table className="w-full text-left text-sm [overflow-wrap:anywhere]">
        <caption className="sr-only">Actions on this user’s devices, newest first</caption>
        <thead className="[overflow-wrap:normal] border-b border-gray-300 text-gray-700 dark:border-gray-600 dark:text-gray-300">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">Action</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Device</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">State</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Requested</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Reason</th>
            <th scope="col" className="py-1.5 font-medium">
              <span className="sr-only">Cancel</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200 dark:divide-gray-700">
          {actions.map((action) => {
            const label = commandLabels[action.kind as CommandKind];
            const status = action.status as CommandStatus;
            return (
              <Fragment key={action.id}>
                <tr data-command-kind={action.kind} data-command-id={action.id} className="align-top">
                  <td className="py-1.5 pr-3">
                    <span className="font-medium">{label}</span>
                    {detail(action) && <span className="block text-gray-700 dark:text-gray-300">{detail(action)}</span>}
                  </td>
                  <td className="py-1.5 pr-3">{action.deviceName}</td>
                  <td className="py-1.5 pr-3 [overflow-wrap:normal]">
                    <StatusPill tone={commandTone[status] ?? "neutral"}>{statusLabels[status]}</StatusPill>
                    {status === "failed" && action.error && <span className="block text-red-700 [overflow-wrap:anywhere] dark:text-red-300">{action.error}</span>}
                  </td>
                  <td className="py-1.5 pr-3">
                    <TimeAgo date={action.createdAt} />
                    <span className="block text-gray-700 dark:text-gray-300">
                      {action.requesterName ?? originLabels[action.origin] ?? action.origin}
                      {action.origin === "help_desk" ? " (help desk)" : action.origin === "self_service" ? " (owner)" : ""}
                    </span>
                  </td>
                  <td className="py-1.5 pr-3">{action.reason ?? <span className="text-gray-700 dark:text-gray-300">—</span>}</td>
                  <td className="py-1.5 text-right">
                    {isActive(status) && cancelling !== action.id && (
                      <Button variant="secondary" className={compactButton} disabled={busy} onClick={() => setCancelling(action.id)}>
                        Cancel<span className="sr-only"> {label.toLowerCase()} on {action.deviceName}</span>
                      </Button>
                    )}
                  </td>
                </tr>
                {cancelling === action.id && isActive(status) && (
                  <tr>
                    <td colSpan={6} className="py-2">
                      <CancelForm label={label} busy={busy} onCancel={(reason) => onCancel(action.id, reason)} onClose={() => setCancelling(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
