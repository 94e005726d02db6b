import type { Metadata } from "next";
import { serverApi } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Help desk" };

export default async function HelpdeskHome() {
  const overview = await (await serverApi()).staff.overview();
  return (
    <>
      <h1 className="text-2xl font-semibold">Help desk</h1>
      <p className="mt-2 text-gray-700 dark:text-gray-300">
        Your roles: <span className="font-medium text-gray-900 dark:text-gray-100">{overview.roles.join(", ")}</span>
      </p>
      <dl className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="rounded-md border border-gray-200 p-4 dark:border-gray-700">
          <dt className="text-sm text-gray-700 dark:text-gray-300">Users in your scope</dt>
          <dd className="text-2xl font-semibold" data-testid="users-in-scope">
            {overview.usersInScope}
          </dd>
        </div>
        <div className="rounded-md border border-gray-200 p-4 dark:border-gray-700">
          <dt className="text-sm text-gray-700 dark:text-gray-300">Devices in your scope</dt>
          <dd className="text-2xl font-semibold" data-testid="devices-in-scope">
            {overview.devicesInScope}
          </dd>
        </div>
      </dl>
    </>
  );
}
