import Link from "next/link";
import { serverApi } from "@/server/trpc/server-caller";
import { complianceLabels, platformLabels } from "../_components/labels";
import { Alert } from "../_components/ui/alert";
import { LinkButton } from "../_components/ui/button";
import { Card } from "../_components/ui/card";
import { complianceTone, StatusPill } from "../_components/ui/status-pill";
import { TimeAgo } from "../_components/ui/time-ago";

const accessTone = { can_access: "success", grace: "warning", cannot_access: "error" } as const;
const accessTitle = { can_access: "You can access company resources", grace: "Out of compliance", cannot_access: "You cannot access company resources" } as const;

export default async function HomePage() {
  const api = await serverApi();
  const [profile, devices, access, terms, notifications] = await Promise.all([
    api.me.profile(),
    api.me.devices(),
    api.me.access(),
    api.terms.mine(),
    api.notifications.list(),
  ]);
  const pendingTerms = terms.filter((t) => t.mustAccept);
  const unread = notifications.filter((n) => !n.readAt).slice(0, 3);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Hello, {profile.name}</h1>
      <LinkButton href="/lost" variant="danger" className="w-full sm:w-auto">
        Lost a device?
      </LinkButton>
      {pendingTerms.map((t) => (
        <Alert key={t.termsId} tone="warning" title={`Accept "${t.current.title}" to enroll and manage devices`}>
          <Link href="/terms" className="font-medium underline underline-offset-4">
            Read and accept the terms
          </Link>
        </Alert>
      ))}
      <Alert tone={accessTone[access.status]} title={accessTitle[access.status]}>
        <p>{access.message}</p>
        {access.status !== "can_access" && (
          <Link href="/devices" className="font-medium underline underline-offset-4">
            See what to fix
          </Link>
        )}
      </Alert>
      <Card aria-labelledby="my-devices">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="my-devices" className="text-lg font-semibold">
            My devices
          </h2>
          <LinkButton href="/enroll" variant="secondary">
            Enroll a device
          </LinkButton>
        </div>
        {devices.length === 0 ? (
          <p className="mt-2 text-gray-700 dark:text-gray-300">You have no enrolled devices yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-gray-200 dark:divide-gray-700">
            {devices.map((device) => (
              <li key={device.id} className="py-3">
                <Link href={`/devices/${device.id}`} className="font-medium underline-offset-4 hover:underline">
                  {device.displayName}
                </Link>
                <p className="text-sm text-gray-700 dark:text-gray-300">
                  {platformLabels[device.platform]} {device.osVersion} · last check-in <TimeAgo date={device.lastCheckInAt} />
                </p>
                <p className="mt-1">
                  <StatusPill tone={complianceTone[device.complianceState] ?? "neutral"}>{complianceLabels[device.complianceState]}</StatusPill>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card aria-labelledby="latest-notifications">
        <h2 id="latest-notifications" className="text-lg font-semibold">
          Notifications
        </h2>
        {unread.length === 0 ? (
          <p className="mt-2 text-gray-700 dark:text-gray-300">Nothing new.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {unread.map((n) => (
              <li key={n.id}>
                <p className="font-medium">{n.title}</p>
                <p className="text-sm text-gray-700 dark:text-gray-300">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        <Link href="/notifications" className="mt-2 inline-flex min-h-11 items-center font-medium underline underline-offset-4">
          All notifications
        </Link>
      </Card>
    </div>
  );
}
