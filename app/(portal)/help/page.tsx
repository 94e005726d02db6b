import type { Metadata } from "next";
import { serverApi } from "@/server/trpc/server-caller";
import { PageTitle } from "../../_components/ui/card";
import { ContactCard } from "./_components/contact-card";
import { MyRequests } from "./_components/my-requests";
import { NewRequestForm } from "./_components/new-request-form";

export const metadata: Metadata = { title: "Help and support" };

export default async function HelpPage() {
  const api = await serverApi();
  const [support, devices, requests] = await Promise.all([api.me.support(), api.me.devices(), api.tickets.mine()]);
  return (
    <div className="space-y-5">
      <PageTitle description="Contact IT, ask for help with a device or anything else, and follow your requests.">Help and support</PageTitle>
      <ContactCard support={support} />
      <NewRequestForm devices={devices.map((d) => ({ id: d.id, name: d.displayName }))} />
      <MyRequests initial={requests} />
    </div>
  );
}
