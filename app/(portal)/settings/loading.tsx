import { SegmentLoading } from "../help/_components/segment-states";

export default function SettingsLoading() {
  return <SegmentLoading title="Settings" />;
}
