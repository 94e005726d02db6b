"use client";

import { SegmentError } from "../devices/_components/segment-error";

export default function LostError({ retry }: { error: unknown; retry: () => void }) {
  return <SegmentError what="the lost-device steps" retry={retry} />;
}
