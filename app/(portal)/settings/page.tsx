import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/server/env";
import { vapidConfig } from "@/server/notifications/push";
import { serverApi } from "@/server/trpc/server-caller";
import { Card, PageTitle } from "../../_components/ui/card";
import { NotificationPreferences } from "./_components/notification-preferences";
import { PushToggle } from "./_components/push-toggle";

export const metadata: Metadata = { title: "Settings" };

/** F10: how the employee is told about their devices and requests, per kind and channel. */
export default async function SettingsPage() {
  const api = await serverApi();
  const [profile, preferences] = await Promise.all([api.me.profile(), api.notificationSettings.preferences()]);
  const { demo, smtpUrl } = env();
  // Without SMTP, e-mail reaches nobody outside demo mode; in demo mode it waits in the demo mailbox.
  const email = smtpUrl ? "smtp" : demo ? "demo" : "off";
  const vapidPublicKey = vapidConfig()?.publicKey ?? null;
  return (
    <div className="space-y-6">
      <PageTitle description="Choose how Ward tells you about your devices and your requests to IT support. Everything also appears under Notifications.">Settings</PageTitle>
      <Card aria-labelledby="push-heading">
        <h2 id="push-heading" className="text-lg font-semibold">
          Push notifications on this device
        </h2>
        <PushToggle vapidPublicKey={vapidPublicKey} />
      </Card>
      <Card aria-labelledby="channels-heading">
        <h2 id="channels-heading" className="text-lg font-semibold">
          What to send
        </h2>
        <p className="mt-1 text-gray-700 dark:text-gray-300">
          E-mail goes to {profile.email}. Push goes to every device where you turned it on.
        </p>
        {email === "demo" && (
          <p className="mt-2">
            This is a demo: e-mail is not sent but kept in your{" "}
            <Link href="/mailbox" className="underline underline-offset-4">
              demo mailbox
            </Link>
            .
          </p>
        )}
        <NotificationPreferences initial={preferences} emailAvailable={email !== "off"} pushAvailable={vapidPublicKey !== null} />
      </Card>
    </div>
  );
}
