import { Skeleton } from "../_components/skeleton";

export default function Loading() {
  return <Skeleton label="Loading the device…" blocks={["h-11 w-32", "h-16", "h-72", "h-40"]} />;
}
