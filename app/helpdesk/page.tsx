import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { currentSession } from "@/server/auth/session";
import { serverApi } from "@/server/trpc/server-caller";
import { AppHeader } from "../_components/app-header";

export const metadata: Metadata = { title: "Help desk" };

export default async function HelpdeskHome() {
  if (!(await currentSession())) redirect("/signin?callbackUrl=/helpdesk");
  const api = await serverApi();
  // Without a role assignment the staff area does not exist for this user: a 404, not a glimpse.
  const overview = await api.staff.overview().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") notFound();
    throw error;
  });
  const profile = await api.me.profile();

  return (
    <>
      <AppHeader name={profile.name} staff />
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        <h1 className="text-2xl font-semibold">Help desk</h1>
        <p className="mt-2 text-gray-600 dark:text-gray-300">
          Your roles: <span className="font-medium text-gray-900 dark:text-gray-100">{overview.roles.join(", ")}</span>
        </p>
        <dl className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2">
          <div className="rounded-md border border-gray-200 p-4 dark:border-gray-700">
            <dt className="text-sm text-gray-600 dark:text-gray-300">Users in your scope</dt>
            <dd className="text-2xl font-semibold" data-testid="users-in-scope">
              {overview.usersInScope}
            </dd>
          </div>
          <div className="rounded-md border border-gray-200 p-4 dark:border-gray-700">
            <dt className="text-sm text-gray-600 dark:text-gray-300">Devices in your scope</dt>
            <dd className="text-2xl font-semibold" data-testid="devices-in-scope">
              {overview.devicesInScope}
            </dd>
          </div>
        </dl>
        <section aria-labelledby="perms" className="mt-6">
          <h2 id="perms" className="text-lg font-semibold">
            What you can do
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {overview.permissions.map((permission) => (
              <li key={permission} className="rounded bg-gray-100 px-2 py-1 font-mono text-xs dark:bg-gray-800">
                {permission}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
