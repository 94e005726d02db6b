import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverApi } from "@/server/trpc/server-caller";
import { LiveUserUpdates } from "../../../_components/live-user-updates";
import { Alert } from "../../../_components/ui/alert";
import { StatusPill } from "../../../_components/ui/status-pill";
import { AuditTrail } from "../../_components/audit-trail";
import { userStatusLabels } from "../../_components/labels";
import { UserDevices } from "../../_components/user-devices";
import { EnrollmentFailuresSection, ProfileSection, TermsSection, TicketsSection } from "../../_components/user-sections";

type Props = { params: Promise<{ id: string }> };

/**
 * Out of scope and unknown look the same: not found (HTTP 404). That needs the answer before
 * anything is streamed, which is why this segment has no loading.tsx.
 */
const load = cache(async (userId: string) => {
  const api = await serverApi();
  try {
    return await api.staff.users.get({ userId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await load((await params).id)).profile.name };
}

/** Everything about one user for the help desk (F15); each section only when the caller may read it. */
export default async function HelpdeskUserPage({ params }: Props) {
  const { id } = await params;
  const page = await load(id);
  const { profile } = page;
  const status = userStatusLabels[profile.status] ?? { text: profile.status, tone: "neutral" as const };
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/helpdesk" className="underline underline-offset-2">
          Search
        </Link>
        <span aria-hidden="true" className="px-1.5 text-gray-700 dark:text-gray-300">
          /
        </span>
        <span aria-current="page">{profile.name}</span>
      </nav>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold">{profile.name}</h1>
        <StatusPill tone={status.tone}>{status.text}</StatusPill>
        <p className="text-sm text-gray-700 dark:text-gray-300">
          {[profile.email, profile.department, profile.region].filter(Boolean).join(" · ")}
        </p>
      </div>
      {profile.status !== "active" && (
        <Alert tone="warning" className="mt-3">
          {profile.status === "departed" ? "This person has left and cannot sign in." : "This account is disabled and cannot sign in."} You can still act on their
          devices, for example retire or wipe them.
        </Alert>
      )}
      <div className="mt-4 grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          <UserDevices initial={page} />
        </div>
        <div className="min-w-0 space-y-3">
          <ProfileSection page={page} />
          {page.terms && <TermsSection terms={page.terms} />}
          {page.enrollmentFailures && <EnrollmentFailuresSection failures={page.enrollmentFailures} />}
          {page.tickets && <TicketsSection tickets={page.tickets} />}
        </div>
      </div>
      {page.audit && <AuditTrail events={page.audit} />}
      <LiveUserUpdates userId={profile.id} />
    </>
  );
}
