export default function Loading() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8" aria-busy="true">
      <p role="status" className="text-gray-600 dark:text-gray-300">Loading…</p>
    </main>
  );
}
