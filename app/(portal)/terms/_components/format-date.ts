/**
 * "3 Mar 2026, 14:05 UTC". Spelled out in UTC, like notifications, so the server's rendering
 * and the browser's hydration agree whatever either's time zone.
 */
export function formatDateTime(date: Date | string): string {
  return `${new Date(date).toLocaleString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })} UTC`;
}
