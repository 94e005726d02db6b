import { redirect } from "next/navigation";
import { currentSession } from "@/server/auth/session";
import { serverApi } from "@/server/trpc/server-caller";
import { AppHeader } from "./_components/app-header";
import { complianceLabels, managementLabels, platformLabels } from "./_components/labels";

export default async function HomePage() {
  if (!(await currentSession())) redirect("/signin");
  const api = await serverApi();
  const [profile, devices, staff] = await Promise.all([api.me.profile(), api.me.devices(), api.me.isStaff()]);

  return (
    <>
      <AppHeader name={profile.name} staff={staff} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        <h1 className="text-2xl font-semibold">Hello, {profile.name}</h1>
        <section aria-labelledby="my-devices" className="mt-6">
          <h2 id="my-devices" className="text-lg font-semibold">
            My devices
          </h2>
          {devices.length === 0 ? (
            <p className="mt-2 text-gray-600 dark:text-gray-300">You have no enrolled devices yet.</p>
          ) : (
            <ul className="mt-3 divide-y divide-gray-200 rounded-md border border-gray-200 dark:divide-gray-700 dark:border-gray-700">
              {devices.map((device) => (
                <li key={device.id} className="p-4">
                  <p className="font-medium">{device.displayName}</p>
                  <p className="text-sm text-gray-600 dark:text-gray-300">
                    {platformLabels[device.platform]} {device.osVersion}
                    {device.model ? ` · ${device.model}` : ""} · {device.ownership === "personal" ? "Personal" : "Corporate"}
                  </p>
                  <p className="mt-1 text-sm">
                    <span>{complianceLabels[device.complianceState]}</span>
                    {device.managementState !== "enrolled" && <span> · {managementLabels[device.managementState]}</span>}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
