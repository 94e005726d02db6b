import { Skeleton } from "./_components/skeleton";

export default function Loading() {
  return <Skeleton label="Loading your devices…" blocks={["h-8 w-1/2", "h-11", "h-28", "h-28"]} />;
}
