import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-gray-600 dark:text-gray-300">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 inline-flex min-h-11 items-center rounded-md bg-brand px-4 font-medium text-brand-contrast hover:bg-brand-strong">
        Go to your home page
      </Link>
    </main>
  );
}
