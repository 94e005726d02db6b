import { Skeleton } from "../devices/_components/skeleton";

export default function Loading() {
  return <Skeleton label="Loading your devices…" blocks={["h-8 w-2/3", "h-20", "h-16", "h-16"]} />;
}
