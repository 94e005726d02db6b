"use client";

import { useId, useState } from "react";
import { Button } from "../../_components/ui/button";
import { ActionForm } from "./action-form";
import { compactButton, STAFF_ACTIONS, type StaffActionKind } from "./labels";
import type { UserDevice } from "./types";
import type { ActionValues, FieldErrors } from "./use-staff-actions";

type Availability = { allowed: true } | { allowed: false; why: string };

/**
 * Whether this operator may run the action on this very device: the per-device permission
 * (scope tags included) first, then what the platform and the device's state allow. The server
 * checks both again; this only saves a pointless request and says why up front.
 */
function availability(device: UserDevice, kind: StaffActionKind, permission: string): Availability {
  if (!device.permissions.includes(permission as (typeof device.permissions)[number])) {
    return { allowed: false, why: `Your role does not allow this on this device (${permission}).` };
  }
  if (kind === "delete") return { allowed: true };
  const capability = device.capabilities[kind];
  return capability.allowed ? { allowed: true } : { allowed: false, why: capability.reason };
}

/**
 * One device's staff actions as a dense row of buttons. Unavailable ones stay visible, disabled,
 * with the reason listed under the row and tied to the button; an available one opens its step
 * (reason, and the action's own fields) below the row.
 */
export function DeviceActions({
  device,
  busy,
  onRun,
}: {
  device: UserDevice;
  busy: boolean;
  onRun: (kind: StaffActionKind, values: ActionValues) => Promise<FieldErrors | null>;
}) {
  const id = useId();
  const [open, setOpen] = useState<StaffActionKind | null>(null);
  const actions = STAFF_ACTIONS.map((action) => ({ ...action, availability: availability(device, action.kind, action.permission) }));
  const current = actions.find((action) => action.kind === open && action.availability.allowed);
  const unavailable = actions.filter((action) => !action.availability.allowed);

  const close = (kind: StaffActionKind) => {
    setOpen(null);
    // Back to the button that opened the step (it may be disabled now, hence the fallback).
    requestAnimationFrame(() => document.getElementById(`${id}-${kind}`)?.focus());
  };

  return (
    <div role="group" aria-label={`Actions on ${device.displayName}`} className="mt-3 border-t border-gray-200 pt-3 dark:border-gray-700">
      <div className="flex flex-wrap gap-1.5">
        {actions.map(({ kind, label, availability: a, confirm }) => (
          <Button
            key={kind}
            id={`${id}-${kind}`}
            // Disabled ones all look alike (grey), so a red button always means "available and destructive".
            variant={confirm && a.allowed ? "danger" : "secondary"}
            className={compactButton}
            disabled={!a.allowed || busy}
            aria-expanded={a.allowed ? open === kind : undefined}
            aria-controls={a.allowed && open === kind ? `${id}-panel` : undefined}
            aria-describedby={`${id}-${kind}-why`}
            onClick={() => (open === kind ? close(kind) : setOpen(kind))}
          >
            {label}
            <span className="sr-only"> {device.displayName}</span>
          </Button>
        ))}
      </div>
      {/* What each action does, for screen readers; the sighted see it in the opened step. */}
      <div hidden>
        {actions
          .filter((action) => action.availability.allowed)
          .map((action) => (
            <span key={action.kind} id={`${id}-${action.kind}-why`}>
              {action.note}
            </span>
          ))}
      </div>
      {unavailable.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-sm text-gray-700 dark:text-gray-300" aria-label="Unavailable actions">
          {unavailable.map((action) => (
            <li key={action.kind} id={`${id}-${action.kind}-why`}>
              <span className="font-medium text-gray-900 dark:text-gray-100">{action.label}:</span> {action.availability.allowed ? "" : action.availability.why}
            </li>
          ))}
        </ul>
      )}
      {current && (
        <div
          id={`${id}-panel`}
          role="group"
          aria-labelledby={`${id}-panel-title`}
          aria-describedby={`${id}-panel-note`}
          className="mt-3 rounded-md border border-gray-300 bg-gray-50 p-3 dark:border-gray-600 dark:bg-gray-950"
        >
          <h4 id={`${id}-panel-title`} className="font-semibold">
            {current.label}: {device.displayName}
          </h4>
          <p id={`${id}-panel-note`} className="mb-2 text-sm text-gray-700 dark:text-gray-300">
            {current.note}
          </p>
          <ActionForm
            key={current.kind}
            kind={current.kind}
            deviceName={device.displayName}
            busy={busy}
            onCancel={() => close(current.kind)}
            onSubmit={async (values) => {
              const refused = await onRun(current.kind, values);
              if (!refused) setOpen(null);
              return refused;
            }}
          />
        </div>
      )}
    </div>
  );
}
