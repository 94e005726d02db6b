import { SegmentLoading } from "../_components/segment-states";

export default function RequestLoading() {
  return <SegmentLoading title="Support request" />;
}
