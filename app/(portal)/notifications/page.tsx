import type { Metadata } from "next";
import Link from "next/link";
import { serverApi } from "@/server/trpc/server-caller";
import { PageTitle } from "../../_components/ui/card";
import { NotificationList } from "./_components/notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const api = await serverApi();
  const [notifications, requests] = await Promise.all([api.notifications.list(), api.tickets.mine()]);
  return (
    <div>
      <PageTitle description="New devices on your account, devices that need attention, finished actions and replies from IT support.">Notifications</PageTitle>
      <p className="mb-4">
        <Link href="/settings" className="inline-flex min-h-11 items-center underline underline-offset-4">
          Choose what is sent by e-mail and push
        </Link>
      </p>
      <NotificationList initial={notifications} initialRequests={requests} />
    </div>
  );
}
