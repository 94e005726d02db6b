import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverApi } from "@/server/trpc/server-caller";
import { complianceLabels, managementLabels, platformLabels } from "../../../_components/labels";
import { Alert } from "../../../_components/ui/alert";
import { Card } from "../../../_components/ui/card";
import { complianceTone, StatusPill } from "../../../_components/ui/status-pill";
import { TimeAgo } from "../../../_components/ui/time-ago";
import { ComplianceRules } from "../_components/compliance-rules";
import { DeviceActions } from "../_components/device-actions";
import { Inventory } from "../_components/inventory";
import { managementTone, ownershipLabels } from "../../../_components/labels";

type Props = { params: Promise<{ id: string }> };

/** Someone else's device, or an id that is not one, is simply not found: nothing is said about it. */
const load = cache(async (deviceId: string) => {
  const api = await serverApi();
  try {
    return await api.devices.get({ deviceId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await load((await params).id)).device.displayName };
}

const accessTone = { can_access: "success", grace: "warning", cannot_access: "error" } as const;

export default async function DevicePage({ params }: Props) {
  const { id } = await params;
  const api = await serverApi();
  const [details, profile] = await Promise.all([load(id), api.me.profile()]);
  const { device, access } = details;
  const gone = device.managementState === "wiped" || device.managementState === "retired";

  return (
    <div className="space-y-5">
      <Link href="/devices" className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
        ← My devices
      </Link>
      <div>
        <h1 className="text-2xl font-semibold break-words">{device.displayName}</h1>
        <p className="mt-1 text-gray-700 dark:text-gray-300">
          {platformLabels[device.platform]} {device.osVersion} · {ownershipLabels[device.ownership]} · last check-in <TimeAgo date={device.lastCheckInAt} />
        </p>
        <p className="mt-2 flex flex-wrap gap-2">
          <StatusPill tone={complianceTone[device.complianceState] ?? "neutral"}>{complianceLabels[device.complianceState]}</StatusPill>
          <StatusPill tone={managementTone[device.managementState] ?? "neutral"}>{managementLabels[device.managementState]}</StatusPill>
        </p>
      </div>
      {gone && (
        <Alert tone="info" title={device.managementState === "wiped" ? "This device was wiped" : "This device was removed"}>
          Ward no longer manages it. Its history stays here for your records.
        </Alert>
      )}
      {device.lostModeMessage && !gone && (
        <Alert tone="warning" title="Lost mode is on">
          <p>The screen shows: “{device.lostModeMessage}”{device.lostModePhone ? ` · ${device.lostModePhone}` : ""}</p>
          <Link href={`/lost?device=${device.id}`} className="font-medium underline underline-offset-4">
            Continue in the lost-device steps
          </Link>
        </Alert>
      )}
      {access && access.status !== "can_access" && (
        <Alert tone={accessTone[access.status]} title={access.status === "grace" ? "Out of compliance" : "Cannot access company resources"}>
          {access.message}
        </Alert>
      )}
      <DeviceActions initial={details} phone={profile.phone} />
      <Card aria-labelledby="compliance-title">
        <h2 id="compliance-title" className="text-lg font-semibold">
          Compliance
        </h2>
        {access?.status === "can_access" && <p className="mt-1 text-gray-700 dark:text-gray-300">{access.message}</p>}
        <ComplianceRules rules={details.compliance} />
      </Card>
      <Card aria-labelledby="details-title">
        <h2 id="details-title" className="text-lg font-semibold">
          Device details
        </h2>
        <Inventory details={details} />
      </Card>
    </div>
  );
}
