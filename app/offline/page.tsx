import type { Metadata } from "next";
import { getDb } from "@/server/db";
import { getSupport, type Support } from "@/server/services/settings";

export const metadata: Metadata = { title: "Offline" };

// Shown by the service worker (server/pwa/sw.ts) for any page opened without a connection. It
// keeps a copy (precached per build, and refreshed hourly while online), fetched WITHOUT cookies:
// so this page must stay the same for everybody. It reads only the organization's support contact
// (settings, F9, not personal data); never a session, never anything about the person.
// Rendered per request, so a changed support contact reaches the next refreshed copy.
export const dynamic = "force-dynamic";

async function supportContact(): Promise<Support | null> {
  try {
    return await getSupport(await getDb());
  } catch {
    // Without a database the page still says what works offline.
    return null;
  }
}

/** Dialable form of a displayed number: "+1 555 0100" -> "+15550100". */
const telHref = (phone: string) => `tel:${phone.replace(/(?!^\+)[^\d]/g, "")}`;

const link = "inline-flex min-h-11 items-center break-all font-medium underline underline-offset-4";

export default async function OfflinePage() {
  const support = await supportContact();
  const contact = support && (support.phone || support.email) ? support : null;
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-2xl font-semibold">You&apos;re offline</h1>
      <p className="mt-4">Ward needs a connection to show your devices, requests and messages. Nothing is shown from memory, so nobody else can see them on this device.</p>
      <h2 className="mt-8 text-lg font-semibold">What still works</h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>This page. Your devices, requests and help answers come back as soon as you are online again.</li>
        <li>
          <strong>Lost a device?</strong> {contact ? "Contact IT support right away (below)" : "Call your IT help desk right away"}, or use any browser when you&apos;re online.
        </li>
      </ul>
      {contact && (
        <section aria-labelledby="offline-contact" className="mt-8 rounded-lg border border-gray-200 p-4 dark:border-gray-700">
          <h2 id="offline-contact" className="text-lg font-semibold">
            Contact IT support
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] items-center gap-x-4">
            {contact.phone && (
              <>
                <dt className="text-gray-700 dark:text-gray-300">Phone</dt>
                <dd>
                  <a href={telHref(contact.phone)} className={link}>
                    {contact.phone}
                  </a>
                </dd>
              </>
            )}
            {contact.email && (
              <>
                <dt className="text-gray-700 dark:text-gray-300">Email</dt>
                <dd>
                  <a href={`mailto:${contact.email}`} className={link}>
                    {contact.email}
                  </a>
                </dd>
              </>
            )}
            {contact.hours && (
              <>
                <dt className="py-2 text-gray-700 dark:text-gray-300">Hours</dt>
                <dd className="py-2">{contact.hours}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      <p className="mt-8">
        <a href="/" className={link}>
          Try again
        </a>
      </p>
    </main>
  );
}
