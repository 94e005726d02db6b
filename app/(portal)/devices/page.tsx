import type { Metadata } from "next";
import Link from "next/link";
import { serverApi } from "@/server/trpc/server-caller";
import { complianceLabels, managementLabels, platformLabels } from "../../_components/labels";
import { LinkButton } from "../../_components/ui/button";
import { PageTitle } from "../../_components/ui/card";
import { complianceTone, StatusPill } from "../../_components/ui/status-pill";
import { TimeAgo } from "../../_components/ui/time-ago";
import { managementTone, ownershipLabels } from "../../_components/labels";

export const metadata: Metadata = { title: "My devices" };

/** The user's managed devices (not retired or wiped), each with what matters at a glance. */
export default async function DevicesPage() {
  const api = await serverApi();
  const devices = await api.me.devices();
  return (
    <div className="space-y-5">
      <PageTitle description="The devices you enrolled in Ward. Open one to see its status, fix a problem or act on it.">My devices</PageTitle>
      <div className="flex flex-col gap-2 sm:flex-row">
        <LinkButton href="/enroll">Enroll a device</LinkButton>
        <LinkButton href="/lost" variant="danger">
          Lost a device?
        </LinkButton>
      </div>
      {devices.length === 0 ? (
        <p className="text-gray-700 dark:text-gray-300">You have no enrolled devices yet. Enroll one to use company apps and e-mail on it.</p>
      ) : (
        <ul className="space-y-3" aria-label="My devices">
          {devices.map((device) => (
            <li key={device.id} className="rounded-lg border border-gray-200 p-4 dark:border-gray-700">
              <h2 className="text-lg font-semibold">
                <Link href={`/devices/${device.id}`} className="inline-flex min-h-11 items-center break-words underline-offset-4 hover:underline">
                  {device.displayName}
                </Link>
              </h2>
              <p className="text-gray-700 dark:text-gray-300">
                {platformLabels[device.platform]} {device.osVersion}
                {device.model ? ` · ${device.model}` : ""} · {ownershipLabels[device.ownership]}
              </p>
              <p className="text-sm text-gray-700 dark:text-gray-300">
                Last check-in <TimeAgo date={device.lastCheckInAt} />
              </p>
              <p className="mt-2 flex flex-wrap gap-2">
                <StatusPill tone={complianceTone[device.complianceState] ?? "neutral"}>{complianceLabels[device.complianceState]}</StatusPill>
                {device.managementState !== "enrolled" && (
                  <StatusPill tone={managementTone[device.managementState] ?? "neutral"}>{managementLabels[device.managementState]}</StatusPill>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
