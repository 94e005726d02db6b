/** Shown while a step loads; the same shape as a step, so nothing jumps when it arrives. */
export default function EnrollLoading() {
  return (
    <div role="status" aria-label="Loading enrollment" className="space-y-4 motion-safe:animate-pulse">
      <div className="h-4 w-24 rounded bg-gray-200 dark:bg-gray-700" />
      <div className="h-8 w-3/4 rounded bg-gray-200 dark:bg-gray-700" />
      <div className="h-28 rounded-lg bg-gray-200 dark:bg-gray-700" />
      <div className="h-28 rounded-lg bg-gray-200 dark:bg-gray-700" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
