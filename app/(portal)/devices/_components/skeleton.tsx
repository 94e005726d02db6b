/** A placeholder while a page loads: announced once, no layout jump when the content arrives. */
export function Skeleton({ label, blocks }: { label: string; blocks: string[] }) {
  return (
    <div role="status" className="space-y-4">
      <span className="sr-only">{label}</span>
      {blocks.map((height, index) => (
        <div key={index} aria-hidden="true" className={`${height} rounded-lg bg-gray-100 motion-safe:animate-pulse dark:bg-gray-800`} />
      ))}
    </div>
  );
}
