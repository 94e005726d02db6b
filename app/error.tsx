"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-gray-600 dark:text-gray-300">We could not load this page. Please try again.</p>
      <button type="button" onClick={reset} className="mt-6 min-h-11 rounded-md bg-brand px-4 font-medium text-brand-contrast hover:bg-brand-strong">
        Try again
      </button>
    </main>
  );
}
