import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { currentSession } from "@/server/auth/session";
import { serverApi } from "@/server/trpc/server-caller";
import { StaffShell } from "./staff-shell";

/**
 * Shared by /helpdesk and /admin: signed in, and holding a role assignment; without one the staff
 * area does not exist for the user (404, not a glimpse).
 */
export async function StaffLayout({ children, callbackUrl }: { children: React.ReactNode; callbackUrl: string }) {
  if (!(await currentSession())) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const api = await serverApi();
  const overview = await api.staff.overview().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") notFound();
    throw error;
  });
  const profile = await api.me.profile();
  return (
    <StaffShell userName={profile.name} permissions={overview.permissions}>
      {children}
    </StaffShell>
  );
}
