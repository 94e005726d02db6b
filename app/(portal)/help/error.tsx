"use client";

import { SegmentError } from "./_components/segment-states";

export default function HelpError({ reset }: { error: Error; reset: () => void }) {
  return <SegmentError title="Help and support" reset={reset} />;
}
