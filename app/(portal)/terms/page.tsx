import type { Metadata } from "next";
import { Card, PageTitle } from "@/app/_components/ui/card";
import { serverApi } from "@/server/trpc/server-caller";
import { AcceptTerms } from "./_components/accept-terms";
import { formatDateTime } from "./_components/format-date";
import { TermsMarkdown } from "./_components/terms-markdown";

export const metadata: Metadata = { title: "Terms" };

// Where "continue" may lead after accepting: only a path on this site, never another origin.
const onwardLabels: Record<string, string> = { "/enroll": "Continue enrolling your device", "/": "Back to home" };
function onward(next: string | string[] | undefined): { href: string; label: string } {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return { href: "/", label: "Back to home" };
  return { href: value, label: onwardLabels[value.split("?")[0]!] ?? "Continue where you were" };
}

export default async function TermsPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = onward((await searchParams).next);
  const api = await serverApi();
  const [documents, history] = await Promise.all([api.terms.mine(), api.terms.history()]);
  const pendingIds = documents.filter((d) => d.mustAccept).map((d) => d.termsId);

  return (
    <div className="space-y-5">
      <PageTitle description={pendingIds.length > 0 ? "Read the summary, then accept to enroll and manage your devices." : undefined}>Terms</PageTitle>
      {documents.length === 0 && <p>There are no terms for you to accept.</p>}
      {documents.map((doc) => {
        const titleId = `terms-${doc.termsId}`;
        return (
          <Card key={doc.termsId} aria-labelledby={titleId}>
            <h2 id={titleId} className="text-xl font-semibold">
              {doc.current.title}
            </h2>
            <p className="text-sm text-gray-700 dark:text-gray-300">
              Version {doc.current.version}
              {doc.current.publishedAt && `, published ${formatDateTime(doc.current.publishedAt)}`}
            </p>
            <div className="mt-3 rounded-md border-l-4 border-brand bg-gray-50 p-3 dark:bg-gray-800">
              <p className="text-sm font-semibold uppercase tracking-wide text-gray-700 dark:text-gray-300">In short</p>
              <p className="mt-1 text-lg">{doc.current.summary}</p>
            </div>
            {doc.mustAccept && (
              <a href={`#accept-${doc.termsId}`} className="mt-2 inline-flex min-h-11 items-center font-medium underline underline-offset-4">
                Skip to accepting
              </a>
            )}
            <TermsMarkdown>{doc.current.body}</TermsMarkdown>
            <div id={`accept-${doc.termsId}`} className="mt-5 scroll-mt-4">
              <AcceptTerms
                versionId={doc.current.id}
                titleId={titleId}
                mustAccept={doc.mustAccept}
                accepted={doc.accepted}
                next={next}
                othersPending={pendingIds.some((id) => id !== doc.termsId)}
              />
            </div>
          </Card>
        );
      })}
      <Card aria-labelledby="accepted-history">
        <h2 id="accepted-history" className="text-lg font-semibold">
          What you accepted and when
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-gray-700 dark:text-gray-300">You have not accepted any terms yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-200 dark:divide-gray-700">
            {history.map((entry) => (
              <li key={entry.versionId} className="py-2">
                <p className="font-medium">{entry.title}</p>
                <p className="text-sm text-gray-700 dark:text-gray-300">
                  Version {entry.version}, accepted <time dateTime={entry.acceptedAt.toISOString()}>{formatDateTime(entry.acceptedAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
