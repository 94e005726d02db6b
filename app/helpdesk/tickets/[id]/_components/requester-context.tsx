import Link from "next/link";
import { complianceLabels, managementLabels, platformLabels } from "@/app/_components/labels";
import { commandTone, complianceTone, StatusPill } from "@/app/_components/ui/status-pill";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import type { StaffTicket } from "./ticket-view";

const commandLabels: Record<string, string> = {
  sync: "Sync",
  rename: "Rename",
  lock: "Lock",
  lost_mode_off: "Lost mode off",
  reset_passcode: "Passcode reset",
  retire: "Retire",
  wipe: "Wipe",
};
const commandStatusLabels: Record<string, string> = { pending: "Pending", sent: "Sent", completed: "Done", failed: "Failed", canceled: "Canceled", expired: "Expired" };
const originLabels: Record<string, string> = { self_service: "by the user", help_desk: "by the help desk", policy: "by policy" };
const userStatusLabels: Record<string, string> = { active: "Active", disabled: "Disabled", departed: "Departed" };

const box = "rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-700 dark:bg-gray-900";
const muted = "text-gray-700 dark:text-gray-300";

/** Who asked, and what their devices are doing: the context an operator needs beside the thread. */
export function RequesterContext({ ticket }: { ticket: StaffTicket }) {
  const { requester, context } = ticket;
  return (
    <>
      <section aria-labelledby="requester-title" className={box}>
        <h2 id="requester-title" className="text-lg font-semibold">
          Requester
        </h2>
        <p className="mt-1 font-medium">{requester.name}</p>
        <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-sm">
          <dt className={muted}>Email</dt>
          <dd className="break-words">{requester.email}</dd>
          <dt className={muted}>Phone</dt>
          <dd>{requester.phone ?? "None"}</dd>
          <dt className={muted}>Department</dt>
          <dd>{requester.department ?? "None"}</dd>
          <dt className={muted}>Account</dt>
          <dd>{userStatusLabels[requester.status] ?? requester.status}</dd>
        </dl>
        <Link href={`/helpdesk/users/${requester.id}`} className="mt-2 inline-flex min-h-11 items-center font-medium underline underline-offset-4">
          Open {requester.name}’s user page
        </Link>
      </section>
      <section aria-labelledby="devices-title" className={box}>
        <h2 id="devices-title" className="text-lg font-semibold">
          Their devices
        </h2>
        {!context.canReadDevices ? (
          <p className={`mt-1 text-sm ${muted}`}>Reading devices needs the devices.read permission.</p>
        ) : context.devices.length === 0 ? (
          <p className={`mt-1 text-sm ${muted}`}>No devices in your scope.</p>
        ) : (
          <ul className="mt-1 divide-y divide-gray-100 text-sm dark:divide-gray-800">
            {context.devices.map((device) => (
              <li key={device.id} className="py-2">
                <p className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">
                    {device.name}
                    {device.id === ticket.deviceId && <span className={`ml-1 font-normal ${muted}`}>(this ticket)</span>}
                  </span>
                  <StatusPill tone={complianceTone[device.complianceState] ?? "neutral"}>{complianceLabels[device.complianceState] ?? device.complianceState}</StatusPill>
                </p>
                <p className={muted}>
                  {platformLabels[device.platform]} {device.osVersion} · {managementLabels[device.managementState] ?? device.managementState} · last check-in{" "}
                  <TimeAgo date={device.lastCheckInAt} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {context.canReadDevices && (
        <section aria-labelledby="actions-title" className={box}>
          <h2 id="actions-title" className="text-lg font-semibold">
            Recent actions
          </h2>
          {context.recentActions.length === 0 ? (
            <p className={`mt-1 text-sm ${muted}`}>No remote actions yet.</p>
          ) : (
            <ul className="mt-1 divide-y divide-gray-100 text-sm dark:divide-gray-800">
              {context.recentActions.map((action) => (
                <li key={action.id} className="py-2">
                  <p className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      <span className="font-medium">{commandLabels[action.kind] ?? action.kind}</span> on {action.deviceName}
                    </span>
                    <StatusPill tone={commandTone[action.status] ?? "neutral"}>{commandStatusLabels[action.status] ?? action.status}</StatusPill>
                  </p>
                  <p className={muted}>
                    {originLabels[action.origin] ?? action.origin}, <TimeAgo date={action.createdAt} />
                    {action.reason && <> · “{action.reason}”</>}
                  </p>
                  {action.error && <p className="text-red-800 dark:text-red-200">{action.error}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
