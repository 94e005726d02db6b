import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { TimeAgo } from "@/app/_components/ui/time-ago";
import type { AppRouter } from "@/server/trpc/root";
import { auditHref, type AuditParams } from "./audit-params";

export type AuditRow = inferRouterOutputs<AppRouter>["staff"]["audit"]["list"]["items"][number];

const th = "px-2 py-2 text-left text-sm font-semibold";
const td = "px-2 py-1.5 align-top";
const link = "text-blue-800 underline-offset-2 hover:underline dark:text-blue-300";
const kindLabels: Record<string, string> = { user: "user", staff: "staff", device: "device", system: "system" };
const SUMMARY_MAX = 90;

const exactTime = (at: Date | string) =>
  new Date(at).toLocaleString("en-GB", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

/** Details as "key: value" pairs; long ones fold into a disclosure that shows the full JSON. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return <span className="text-gray-700 dark:text-gray-300">None</span>;
  const summary = entries.map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join(", ");
  if (summary.length <= SUMMARY_MAX) return <span className="break-words">{summary}</span>;
  return (
    <details>
      <summary className="cursor-pointer break-words">{summary.slice(0, SUMMARY_MAX - 1)}…</summary>
      <pre className="mt-1 max-w-xl overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}

// Where a target has a help desk page, the short id links to it.
const targetPages: Record<string, string> = { ticket: "/helpdesk/tickets/", user: "/helpdesk/users/" };

function Target({ type, id }: { type: string | null; id: string | null }) {
  if (!type) return <>None</>;
  const short = id ? id.slice(0, 8) : "";
  const page = id ? targetPages[type] : undefined;
  return (
    <>
      {type}{" "}
      {page ? (
        <Link href={`${page}${id}`} className={link}>
          {short}
        </Link>
      ) : (
        short
      )}
    </>
  );
}

/**
 * The events, newest first, dense. Actor and subject names are links that narrow the log to that
 * person, the quickest way to follow one trail from the keyboard.
 */
export function AuditTable({ rows, params, caption }: { rows: AuditRow[]; params: AuditParams; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 dark:border-gray-700">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-gray-200 bg-gray-50 dark:border-gray-700 dark:bg-gray-950">
          <tr>
            {["#", "When (UTC)", "Actor", "Action", "Target", "Subject user", "Details", "IP"].map((label) => (
              <th key={label} scope="col" className={th}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const actorName = row.actorName ?? row.actorLabel ?? (row.actorKind === "system" ? "Ward" : "Unknown");
            return (
              <tr key={row.seq} className="border-b border-gray-100 last:border-0 dark:border-gray-800">
                {/* Focus target for "Load more" (see AuditLog): not in the tab order. */}
                <td tabIndex={-1} className={`${td} tabular-nums text-gray-700 dark:text-gray-300`}>
                  {row.seq}
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  {/* The exact time (UTC) first: in an audit trail "just now" ten times says little. */}
                  <span className="tabular-nums">{exactTime(row.at)}</span>
                  <span className="block text-xs text-gray-700 dark:text-gray-300">
                    <TimeAgo date={row.at} />
                  </span>
                </td>
                <td className={td}>
                  {row.actorId && row.actorId !== params.actorId ? (
                    <Link href={auditHref(params, { actorId: row.actorId })} className={link}>
                      {actorName}
                      <span className="sr-only"> (show only events by this actor)</span>
                    </Link>
                  ) : (
                    actorName
                  )}
                  <span className="ml-1 text-xs text-gray-700 dark:text-gray-300">{kindLabels[row.actorKind] ?? row.actorKind}</span>
                </td>
                <td className={`${td} font-mono text-xs whitespace-nowrap`}>{row.action}</td>
                <td className={`${td} text-xs whitespace-nowrap text-gray-700 dark:text-gray-300`}>
                  <Target type={row.targetType} id={row.targetId} />
                </td>
                <td className={td}>
                  {row.subjectUserId && row.subjectUserId !== params.subjectUserId ? (
                    <Link href={auditHref(params, { subjectUserId: row.subjectUserId })} className={link}>
                      {row.subjectName ?? "Former user"}
                      <span className="sr-only"> (show only events about this user)</span>
                    </Link>
                  ) : (
                    (row.subjectName ?? (row.subjectUserId ? "Former user" : <span className="text-gray-700 dark:text-gray-300">None</span>))
                  )}
                </td>
                <td className={`${td} max-w-md`}>
                  <Details details={row.details as Record<string, unknown>} />
                </td>
                <td className={`${td} text-xs whitespace-nowrap text-gray-700 dark:text-gray-300`}>{row.ip ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
