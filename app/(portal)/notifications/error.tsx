"use client";

import { SegmentError } from "../help/_components/segment-states";

export default function NotificationsError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError title="Notifications" reset={reset} />;
}
