import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/server/env";
import { serverApi } from "@/server/trpc/server-caller";
import { PageTitle } from "../../_components/ui/card";
import { TimeAgo } from "../../_components/ui/time-ago";

export const metadata: Metadata = { title: "Demo mailbox" };

// No loading.tsx here on purpose: a streamed page would answer 200 before notFound() outside demo mode.
/**
 * The demo mailbox (F10): in demo mode without SMTP_URL nothing leaves Ward, so the e-mails the
 * signed-in user would have received are read here, as text. Only their own.
 */
export default async function MailboxPage() {
  if (!env().demo) notFound();
  const mails = await (await serverApi()).mailbox.list({ limit: 50 });
  return (
    <div>
      <PageTitle description={env().smtpUrl ? "This demo sends e-mail through your SMTP server too; here is what went out." : "This is a demo: Ward keeps e-mail here instead of sending it."}>
        Demo mailbox
      </PageTitle>
      {mails.length === 0 ? (
        <p className="text-gray-700 dark:text-gray-300">No e-mail yet. Enroll a device or ask IT for help and it shows up here.</p>
      ) : (
        <ul className="space-y-3">
          {mails.map((mail) => (
            <li key={mail.id} className="rounded-lg border border-gray-200 dark:border-gray-700">
              <details>
                <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-x-2 p-3">
                  <span className="font-medium">{mail.subject}</span>
                  <span className="text-sm text-gray-700 dark:text-gray-300">
                    to {mail.to} · <TimeAgo date={mail.createdAt} />
                    {mail.status === "failed" ? " · could not be sent" : mail.sentAt ? " · sent" : ""}
                  </span>
                </summary>
                <pre className="overflow-x-auto whitespace-pre-wrap break-words border-t border-gray-200 p-3 font-sans dark:border-gray-700">{mail.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
