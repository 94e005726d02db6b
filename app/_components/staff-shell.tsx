import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

type Props = { userName: string; permissions: string[]; children: React.ReactNode };

/** The staff area's frame: dense, desktop-first, keyboard reachable; links shown by permission. */
export function StaffShell({ userName, permissions, children }: Props) {
  const can = (permission: string) => permissions.includes(permission);
  const links = [
    { href: "/helpdesk", label: "Search", show: can("users.read") },
    { href: "/helpdesk/tickets", label: "Tickets", show: can("tickets.read") },
    { href: "/helpdesk/audit", label: "Audit log", show: can("audit.read") },
    { href: "/admin/roles", label: "Roles", show: can("roles.read") },
  ].filter((link) => link.show);
  return (
    <>
      <header className="border-b border-gray-200 bg-gray-50 dark:border-gray-700 dark:bg-gray-950">
        <nav aria-label="Help desk" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2">
          <Link href="/helpdesk" className="mr-4 inline-flex min-h-11 items-center text-lg font-semibold">
            Ward Help Desk
          </Link>
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="inline-flex min-h-11 items-center rounded-md px-3 font-medium hover:bg-gray-200 dark:hover:bg-gray-800">
              {link.label}
            </Link>
          ))}
          <span className="ml-auto text-sm text-gray-700 dark:text-gray-300">{userName}</span>
          <Link href="/" className="inline-flex min-h-11 items-center rounded-md px-3 text-sm underline-offset-4 hover:underline">
            My portal
          </Link>
          <SignOutButton />
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
