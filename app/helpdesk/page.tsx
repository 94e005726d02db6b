import type { Metadata } from "next";
import { serverApi } from "@/server/trpc/server-caller";
import { UserSearch } from "./_components/user-search";

export const metadata: Metadata = { title: "Help desk" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

/** The staff home is the search (F14): one box first, then how much of the organization is theirs. */
export default async function HelpdeskHome({ searchParams }: Props) {
  const [overview, params] = await Promise.all([(await serverApi()).staff.overview(), searchParams]);
  const canSearch = overview.permissions.includes("users.read");
  // ?q= comes back with the Back button from a user page, so the results are still there.
  const initialQuery = typeof params.q === "string" ? params.q.slice(0, 200) : "";
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
        <h1 className="text-2xl font-semibold">Help desk</h1>
        <p className="text-sm text-gray-700 dark:text-gray-300">
          Your roles: <span className="font-medium text-gray-900 dark:text-gray-100">{overview.roles.join(", ")}</span>
        </p>
      </div>
      <dl className="mt-3 flex flex-wrap gap-3 text-sm">
        <div className="flex items-baseline gap-2 rounded-md border border-gray-200 px-3 py-1.5 dark:border-gray-700">
          <dt className="text-gray-700 dark:text-gray-300">Users in your scope</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="users-in-scope">
            {overview.usersInScope}
          </dd>
        </div>
        <div className="flex items-baseline gap-2 rounded-md border border-gray-200 px-3 py-1.5 dark:border-gray-700">
          <dt className="text-gray-700 dark:text-gray-300">Devices in your scope</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="devices-in-scope">
            {overview.devicesInScope}
          </dd>
        </div>
      </dl>
      <section aria-label="Search users" className="mt-5 max-w-3xl">
        {canSearch ? (
          <UserSearch initialQuery={initialQuery} />
        ) : (
          <p className="text-gray-700 dark:text-gray-300">Your roles do not include reading users, so there is no search here.</p>
        )}
      </section>
    </>
  );
}
