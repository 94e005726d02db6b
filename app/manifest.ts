import type { MetadataRoute } from "next";
import { getDb } from "@/server/db";
import { getBranding } from "@/server/services/settings";

// The organization's name and colour come from the database (F11): read on each request.
export const dynamic = "force-dynamic";

/** Web app manifest (F24): installable, standalone, branded. Served at /manifest.webmanifest. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  let name = "Ward";
  let themeColor = "#0f62fe";
  try {
    const branding = await getBranding(await getDb());
    name = branding.organizationName === "Ward" ? "Ward" : `${branding.organizationName} · Ward`;
    themeColor = branding.themeColor;
  } catch {
    // Without a database the defaults still make an installable app.
  }
  return {
    id: "/",
    name,
    short_name: name.length > 12 ? "Ward" : name,
    description: "Your company devices, help and support.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: themeColor,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
