import { SegmentLoading } from "../help/_components/segment-states";

export default function NotificationsLoading() {
  return <SegmentLoading title="Notifications" />;
}
