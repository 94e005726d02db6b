import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { platformCapability } from "@/server/devices/capabilities";
import { serverApi } from "@/server/trpc/server-caller";
import { managementLabels, platformLabels } from "../../_components/labels";
import { Alert } from "../../_components/ui/alert";
import { PageTitle } from "../../_components/ui/card";
import { StatusPill } from "../../_components/ui/status-pill";
import { TimeAgo } from "../../_components/ui/time-ago";
import { managementTone } from "../../_components/labels";
import { LostFlow } from "./_components/lost-flow";

export const metadata: Metadata = { title: "Lost a device?" };

type Props = { searchParams: Promise<{ device?: string | string[] }> };

/**
 * The lost-device flow, from any browser after sign-in: choose the device (?device=<id> then keeps
 * the choice in the URL, so a reload or an SSO step-up comes back to it), then the steps.
 */
export default async function LostPage({ searchParams }: Props) {
  const { device: chosen } = await searchParams;
  const api = await serverApi();
  let missing = false;
  if (typeof chosen === "string" && chosen) {
    const [details, profile] = await Promise.all([
      api.devices.get({ deviceId: chosen }).catch((error: unknown) => {
        if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
        throw error;
      }),
      api.me.profile(),
    ]);
    if (details) {
      return (
        <div className="space-y-4">
          <Link href="/lost" className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
            ← Choose another device
          </Link>
          <h1 className="text-2xl font-semibold break-words">Lost: {details.device.displayName}</h1>
          <LostFlow initial={details} phone={profile.phone} />
        </div>
      );
    }
    missing = true;
  }

  const devices = await api.me.devices();
  // Only devices whose platform can be locked remotely; lost ones stay listed to finish the steps.
  const lockable = devices.filter((d) => platformCapability(d.platform, d.ownership, "lock").allowed);
  const others = devices.filter((d) => !lockable.includes(d));
  return (
    <div className="space-y-5">
      <PageTitle description="Act quickly: lock it so nobody can use it, with a message and a number to call on its screen.">Lost a device?</PageTitle>
      {missing && <Alert tone="warning">That device was not found among yours. Choose one below.</Alert>}
      <ol className="list-decimal space-y-1 pl-5 text-gray-700 dark:text-gray-300">
        <li>Choose the device.</li>
        <li>Lock it with a message: it locks as soon as it is online.</li>
        <li>If it is gone for good, wipe it. If you find it, select “I found it” to unlock it.</li>
      </ol>
      <section aria-labelledby="choose-title">
        <h2 id="choose-title" className="text-lg font-semibold">
          Which device?
        </h2>
        {lockable.length === 0 ? (
          <p className="mt-2 text-gray-700 dark:text-gray-300">None of your devices can be locked remotely. Contact the help desk for help.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {lockable.map((device) => (
              <li key={device.id}>
                <Link
                  href={`/lost?device=${device.id}`}
                  className="flex min-h-11 flex-col rounded-lg border border-gray-300 p-3 hover:bg-gray-50 dark:border-gray-600 dark:hover:bg-gray-800"
                >
                  <span className="font-semibold break-words">{device.displayName}</span>
                  <span className="text-sm text-gray-700 dark:text-gray-300">
                    {platformLabels[device.platform]}
                    {device.model ? ` · ${device.model}` : ""} · last seen <TimeAgo date={device.lastCheckInAt} />
                  </span>
                  {device.managementState !== "enrolled" && (
                    <span className="mt-1">
                      <StatusPill tone={managementTone[device.managementState] ?? "neutral"}>{managementLabels[device.managementState]}</StatusPill>
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {others.length > 0 && (
          <p className="mt-3 text-sm text-gray-700 dark:text-gray-300">
            Not listed because they cannot be locked remotely: {others.map((d) => d.displayName).join(", ")}. You can remove them from Ward on their page.
          </p>
        )}
      </section>
    </div>
  );
}
