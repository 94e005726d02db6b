import Link from "next/link";
import { platformLabels } from "../../_components/labels";
import { StatusPill } from "../../_components/ui/status-pill";
import { TimeAgo } from "../../_components/ui/time-ago";
import { ticketStatusLabels } from "./labels";
import type { UserPage } from "./types";

const muted = "text-gray-700 dark:text-gray-300";

/** A titled block of the user page's side column. */
export function Section({ id, title, children, count }: { id: string; title: string; children: React.ReactNode; count?: number }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-700 dark:bg-gray-900">
      <h2 id={id} className="text-base font-semibold">
        {title}
        {count !== undefined && <span className={`font-normal ${muted}`}> ({count})</span>}
      </h2>
      <div className="mt-1.5 text-sm">{children}</div>
    </section>
  );
}

export function ProfileSection({ page }: { page: UserPage }) {
  const { profile, groups } = page;
  const rows: [string, React.ReactNode][] = [
    ["Email", <a key="e" href={`mailto:${profile.email}`} className="break-all underline underline-offset-2">{profile.email}</a>],
    ["Phone", profile.phone ? <a key="p" href={`tel:${profile.phone.replace(/[^+\d]/g, "")}`} className="underline underline-offset-2">{profile.phone}</a> : "—"],
    ["Department", profile.department ?? "—"],
    ["Region", profile.region ?? "—"],
    ["Last sign-in", <TimeAgo key="s" date={profile.lastSignInAt} />],
    ["In Ward since", <TimeAgo key="c" date={profile.createdAt} />],
  ];
  return (
    <Section id="profile-title" title="Profile">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className={muted}>{label}</dt>
            <dd className="min-w-0">{value}</dd>
          </div>
        ))}
        <dt className={muted}>Groups</dt>
        <dd className="min-w-0">{groups.length === 0 ? "None" : groups.map((g) => g.name).join(", ")}</dd>
      </dl>
    </Section>
  );
}

export function TermsSection({ terms }: { terms: NonNullable<UserPage["terms"]> }) {
  return (
    <Section id="terms-title" title="Terms">
      {terms.current.length === 0 ? (
        <p className={muted}>No terms apply to this user.</p>
      ) : (
        <ul className="space-y-1">
          {terms.current.map((t) => (
            <li key={t.termsId} className="flex flex-wrap items-center gap-x-2">
              <span className="font-medium">{t.name}</span>
              {t.mustAccept ? (
                <StatusPill tone="warn">Must accept v{t.currentVersion}</StatusPill>
              ) : (
                <StatusPill tone="good">Accepted v{t.acceptedVersion}</StatusPill>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-2 font-medium">Acceptance history</h3>
      {terms.history.length === 0 ? (
        <p className={muted}>Never accepted any terms.</p>
      ) : (
        <ul className="mt-0.5 space-y-0.5">
          {terms.history.map((a) => (
            <li key={a.id}>
              {a.termsName} v{a.version} · <TimeAgo date={a.acceptedAt} />
              <span className={`block truncate ${muted}`} title={a.userAgent ?? undefined}>
                {a.ip ?? "no IP"} · {a.userAgent ?? "no user agent"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function EnrollmentFailuresSection({ failures }: { failures: NonNullable<UserPage["enrollmentFailures"]> }) {
  return (
    <Section id="enrollment-title" title="Enrollment failures" count={failures.length}>
      {failures.length === 0 ? (
        <p className={muted}>None.</p>
      ) : (
        <ul className="space-y-2">
          {failures.map((f) => (
            <li key={f.id}>
              <p>
                <span className="font-medium">{f.message ?? f.reasonCode ?? "Refused"}</span>
                <span className={muted}>
                  {" "}
                  · {f.platform ? `${platformLabels[f.platform as keyof typeof platformLabels] ?? f.platform} ${f.osVersion ?? ""}` : "unknown device"} · <TimeAgo date={f.at} />
                </span>
              </p>
              <p className={muted}>What to do: {f.hint}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function TicketsSection({ tickets }: { tickets: NonNullable<UserPage["tickets"]> }) {
  return (
    <Section id="tickets-title" title="Tickets" count={tickets.length}>
      {tickets.length === 0 ? (
        <p className={muted}>No tickets.</p>
      ) : (
        <ul className="space-y-1">
          {tickets.map((t) => {
            const status = ticketStatusLabels[t.status] ?? { text: t.status, tone: "neutral" as const };
            return (
              <li key={t.id} className="flex flex-wrap items-center gap-x-2">
                <Link href={`/helpdesk/tickets/${t.id}`} className="font-medium underline underline-offset-2">
                  #{t.number} {t.subject}
                </Link>
                <StatusPill tone={status.tone}>{status.text}</StatusPill>
                <span className={muted}>
                  {t.priority.charAt(0).toUpperCase() + t.priority.slice(1)} priority · <TimeAgo date={t.createdAt} />
                  {t.assigneeName ? ` · ${t.assigneeName}` : " · unassigned"}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
