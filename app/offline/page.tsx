import type { Metadata } from "next";

export const metadata: Metadata = { title: "Offline" };

// Precached by the service worker (server/pwa/sw.ts) and shown for any page opened without a
// connection. Static on purpose: no personal data, no database, nothing that can go stale.
export const dynamic = "force-static";

export default function OfflinePage() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-2xl font-semibold">You&apos;re offline</h1>
      <p className="mt-4">Ward needs a connection to show your devices, requests and messages. Nothing is shown from memory, so nobody else can see them on this device.</p>
      <h2 className="mt-8 text-lg font-semibold">What still works</h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>This page. Your devices, requests and help answers come back as soon as you are online again.</li>
        <li>
          <strong>Lost a device?</strong> Use any browser when you&apos;re online, or call your IT help desk right away.
        </li>
      </ul>
      <p className="mt-8">
        <a href="/" className="underline underline-offset-4">
          Try again
        </a>
      </p>
    </main>
  );
}
