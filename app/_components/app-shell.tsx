import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

export type ShellProps = { organizationName: string; logoUrl: string | null; userName: string; staff: boolean; unread: number };

const links = [
  { href: "/", label: "Home" },
  { href: "/devices", label: "Devices" },
  { href: "/help", label: "Help" },
];

/** The portal's frame: organization, the few places to go, and the way out. Works from 320 px. */
export function AppShell({ organizationName, logoUrl, userName, staff, unread, children }: ShellProps & { children: React.ReactNode }) {
  return (
    <>
      <header className="border-b border-gray-200 dark:border-gray-700">
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 pt-3">
          <Link href="/" className="flex min-h-11 items-center gap-2 text-lg font-semibold">
            {logoUrl && (
              // eslint-disable-next-line @next/next/no-img-element -- admin-provided URL of any host
              <img src={logoUrl} alt="" className="h-7 w-auto" />
            )}
            <span>{organizationName}</span>
          </Link>
          <span className="ml-auto hidden truncate text-sm text-gray-700 sm:inline dark:text-gray-300">{userName}</span>
          <Link href="/settings" className="inline-flex min-h-11 items-center rounded-md px-2 text-sm font-medium hover:bg-gray-100 dark:hover:bg-gray-800">
            Settings
          </Link>
          <SignOutButton />
        </div>
        <nav aria-label="Main" className="mx-auto flex max-w-3xl flex-wrap gap-x-1 px-2 pb-1">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="inline-flex min-h-11 items-center rounded-md px-2 font-medium hover:bg-gray-100 dark:hover:bg-gray-800">
              {link.label}
            </Link>
          ))}
          <Link href="/notifications" className="inline-flex min-h-11 items-center gap-1 rounded-md px-2 font-medium hover:bg-gray-100 dark:hover:bg-gray-800">
            Notifications
            {unread > 0 && (
              <span className="rounded-full bg-red-700 px-2 text-sm text-white">
                {unread}
                <span className="sr-only"> unread</span>
              </span>
            )}
          </Link>
          {staff && (
            <Link href="/helpdesk" className="inline-flex min-h-11 items-center rounded-md px-2 font-medium hover:bg-gray-100 dark:hover:bg-gray-800">
              Help desk
            </Link>
          )}
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
