"use client";

import { SegmentError } from "./_components/segment-error";

export default function DevicesError({ retry }: { error: unknown; retry: () => void }) {
  return <SegmentError what="your devices" retry={retry} />;
}
