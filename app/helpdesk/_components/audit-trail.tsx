import { TimeAgo } from "../../_components/ui/time-ago";
import { auditActionLabel } from "./labels";
import type { UserPage } from "./types";

type AuditEvent = NonNullable<UserPage["audit"]>[number];

const actorKinds: Record<string, string> = { user: "User", staff: "Help desk", system: "System", device: "Device" };

/** The few facts worth a glance in a row (the full details are one click away in the audit log). */
function summary(event: AuditEvent): string {
  const d = (event.details ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.kind === "string") parts.push(d.kind.replace(/_/g, " "));
  if (typeof d.from === "string" && typeof d.to === "string") parts.push(`${d.from.replace(/_/g, " ")} → ${d.to.replace(/_/g, " ")}`);
  if (typeof d.reason === "string") parts.push(`reason: “${d.reason}”`);
  if (typeof d.reasonCode === "string") parts.push(d.reasonCode.replace(/_/g, " "));
  return parts.join(" · ");
}

/** The audit events about this user, newest first: who did what, when, and why. */
export function AuditTrail({ events }: { events: NonNullable<UserPage["audit"]> }) {
  return (
    <section aria-labelledby="audit-title" className="mt-6">
      <h2 id="audit-title" className="text-lg font-semibold">
        Audit trail <span className="text-base font-normal text-gray-700 dark:text-gray-300">(latest {events.length})</span>
      </h2>
      {events.length === 0 ? (
        <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">Nothing recorded about this user yet.</p>
      ) : (
        <div className="mt-2">
          {/* Cells wrap anywhere rather than scroll sideways, so narrow windows need no extra tab stop. */}
          <table className="w-full text-left text-sm [overflow-wrap:anywhere]">
            <caption className="sr-only">Audit events about this user, newest first</caption>
            <thead className="[overflow-wrap:normal] border-b border-gray-300 text-gray-700 dark:border-gray-600 dark:text-gray-300">
              <tr>
                <th scope="col" className="py-1.5 pr-3 font-medium">When</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Who</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">What</th>
                <th scope="col" className="py-1.5 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-200 dark:divide-gray-700">
              {events.map((event) => (
                <tr key={event.id} className="align-top">
                  <td className="py-1 pr-3 whitespace-nowrap">
                    <TimeAgo date={event.at} />
                  </td>
                  <td className="py-1 pr-3">
                    {event.actorName ? (
                      <>
                        {event.actorName} <span className="text-gray-700 dark:text-gray-300">({actorKinds[event.actorKind] ?? event.actorKind})</span>
                      </>
                    ) : (
                      (actorKinds[event.actorKind] ?? event.actorKind)
                    )}
                  </td>
                  <td className="py-1 pr-3">{auditActionLabel(event.action)}</td>
                  <td className="py-1 break-words text-gray-700 dark:text-gray-300">{summary(event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
