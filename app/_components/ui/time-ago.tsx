"use client";

import { useEffect, useState } from "react";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function relativeTime(date: Date, now = Date.now()): string {
  const diff = date.getTime() - now;
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, ms] of units) if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  return "just now";
}

/** "3 minutes ago", kept current, with the exact time for hover and screen readers. */
export function TimeAgo({ date, fallback = "never" }: { date: Date | string | null | undefined; fallback?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!date) return <>{fallback}</>;
  const value = new Date(date);
  return (
    <time dateTime={value.toISOString()} title={value.toLocaleString("en-GB", { timeZone: "UTC" })} suppressHydrationWarning>
      {relativeTime(value, now)}
    </time>
  );
}
