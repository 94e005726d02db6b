import { SegmentLoading } from "./_components/segment-states";

export default function HelpLoading() {
  return <SegmentLoading title="Help and support" />;
}
