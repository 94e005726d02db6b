"use client";

import { SegmentError } from "../help/_components/segment-states";

export default function SettingsError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError title="Settings" reset={reset} />;
}
