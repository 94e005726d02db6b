import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

/** The header of signed-in pages: where you are, and the way out. */
export function AppHeader({ name, staff }: { name: string; staff: boolean }) {
  return (
    <header className="border-b border-gray-200 dark:border-gray-700">
      <nav aria-label="Main" className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="inline-flex min-h-11 items-center text-lg font-semibold">
          Ward
        </Link>
        {staff && (
          <Link href="/helpdesk" className="inline-flex min-h-11 items-center text-sm underline-offset-4 hover:underline">
            Help desk
          </Link>
        )}
        <span className="ml-auto truncate text-sm text-gray-600 dark:text-gray-300">{name}</span>
        <SignOutButton />
      </nav>
    </header>
  );
}
