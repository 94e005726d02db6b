/** Shown while the terms load: the page's shape, so nothing jumps when the text arrives. */
export default function TermsLoading() {
  return (
    <div role="status" aria-label="Loading the terms" className="space-y-4 motion-safe:animate-pulse">
      <div className="h-8 w-1/2 rounded bg-gray-200 dark:bg-gray-700" />
      <div className="h-20 rounded-lg bg-gray-200 dark:bg-gray-700" />
      <div className="h-64 rounded-lg bg-gray-200 dark:bg-gray-700" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
