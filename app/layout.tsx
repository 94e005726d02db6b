import type { Metadata, Viewport } from "next";
import { ServiceWorkerUpdates } from "./_components/pwa/service-worker";
import { TrpcReactProvider } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ward", template: "%s · Ward" },
  description: "Your company devices, help and support.",
  manifest: "/manifest.webmanifest",
  icons: { icon: "/icons/icon-192.png", apple: "/icons/icon-192.png" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#111827" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white text-gray-900 antialiased dark:bg-gray-900 dark:text-gray-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2 focus:text-gray-900">
          Skip to content
        </a>
        <TrpcReactProvider>{children}</TrpcReactProvider>
        <ServiceWorkerUpdates />
      </body>
    </html>
  );
}
