"use client";

import { complianceLabels, managementLabels, platformLabels } from "../../_components/labels";
import { commandTone, complianceTone, StatusPill } from "../../_components/ui/status-pill";
import { TimeAgo } from "../../_components/ui/time-ago";
import { DeviceActions } from "./device-actions";
import { managementTone, ownershipLabels } from "../../_components/labels";
import { commandLabels, ruleLabels, statusLabels, type CommandKind, type CommandStatus, type StaffActionKind } from "./labels";
import type { UserAction, UserDevice } from "./types";
import type { ActionValues, FieldErrors } from "./use-staff-actions";

const dateTime = (date: Date | string) => new Date(date).toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" }) + " UTC";

/** One device: what it is, where it stands (compliance, grace deadline, failing rules), what is on its way, and the actions. */
export function DeviceCard({
  device,
  active,
  busy,
  onRun,
}: {
  device: UserDevice;
  active: UserAction[];
  busy: boolean;
  onRun: (kind: StaffActionKind, values: ActionValues) => Promise<FieldErrors | null>;
}) {
  const headingId = `device-${device.id}`;
  const facts: [string, React.ReactNode][] = [
    ["Serial", <span key="s" className="font-mono">{device.serial ?? "—"}</span>],
    ["IMEI", <span key="i" className="font-mono">{device.imei ?? "—"}</span>],
    ["Last check-in", <TimeAgo key="c" date={device.lastCheckInAt} />],
    ["Enrolled", <TimeAgo key="e" date={device.enrolledAt} />],
  ];
  if (device.graceDeadline) facts.push(["Grace deadline", dateTime(device.graceDeadline)]);
  else if (device.complianceSince) facts.push([`${complianceLabels[device.complianceState]} since`, <TimeAgo key="cs" date={device.complianceSince} />]);

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-700 dark:bg-gray-900" data-device-id={device.id}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={headingId} className="text-base font-semibold break-all">
          {device.displayName}
        </h3>
        <StatusPill tone={complianceTone[device.complianceState] ?? "neutral"}>{complianceLabels[device.complianceState]}</StatusPill>
        <StatusPill tone={managementTone[device.managementState] ?? "neutral"}>{managementLabels[device.managementState]}</StatusPill>
        <span className="text-sm text-gray-700 dark:text-gray-300">
          {platformLabels[device.platform]} {device.osVersion} · {[device.manufacturer, device.model].filter(Boolean).join(" ") || "Unknown model"} ·{" "}
          {ownershipLabels[device.ownership]}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3 lg:grid-cols-5">
        {facts.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-gray-700 dark:text-gray-300">{label}</dt>
            <dd className="truncate">{value}</dd>
          </div>
        ))}
      </dl>
      {device.lostModeMessage && (
        <p className="mt-2 text-sm">
          <span className="font-medium">Lost-mode message:</span> “{device.lostModeMessage}”
        </p>
      )}
      {device.failing.length > 0 && (
        <div className="mt-2">
          <h4 className="text-sm font-medium">Failing rules</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {device.failing.map((rule) => (
              <li key={rule.ruleId}>
                <details>
                  <summary className="cursor-pointer">
                    <span className="font-medium">{ruleLabels[rule.kind] ?? rule.kind}</span>: {rule.status === "unknown" ? "not reported" : (rule.reportedValue ?? "not reported")}{" "}
                    <span className="text-gray-700 dark:text-gray-300">(expected {rule.expected})</span>
                  </summary>
                  {rule.remediation && (
                    <div className="mt-1 ml-4 text-gray-700 dark:text-gray-300">
                      <p>{rule.remediation.builtIn}</p>
                      {rule.remediation.admin && <p className="mt-1">IT note: {rule.remediation.admin}</p>}
                    </div>
                  )}
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
      {active.length > 0 && (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">On its way:</span>
          {active.map((command) => (
            <span key={command.id} className="inline-flex items-center gap-1">
              {commandLabels[command.kind as CommandKind]}
              <StatusPill tone={commandTone[command.status] ?? "neutral"}>{statusLabels[command.status as CommandStatus]}</StatusPill>
            </span>
          ))}
        </p>
      )}
      <DeviceActions device={device} busy={busy} onRun={onRun} />
    </section>
  );
}
