import { eq } from "drizzle-orm";
import { z } from "zod";
import { settings } from "@/db/schema";
import type { Db } from "@/db/types";

// Only web links: a "javascript:" URL in an href or src would run script in every portal page.
const webUrl = z.url({ protocol: /^https?$/ });

/** Branding (F11) and support contact (F9), validated on read so a bad row never breaks a page. */
export const brandingSchema = z.object({
  organizationName: z.string().trim().min(1).max(80).catch("Ward"),
  themeColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).catch("#0f62fe"),
  logoUrl: webUrl.nullable().catch(null),
  privacyUrl: webUrl.nullable().catch(null),
});
export const supportSchema = z.object({
  email: z.string().email().nullable().catch(null),
  phone: z.string().max(40).nullable().catch(null),
  hours: z.string().max(120).nullable().catch(null),
  url: webUrl.nullable().catch(null),
});

export type Branding = z.infer<typeof brandingSchema> & { themeText: "#ffffff" | "#000000"; themeStrong: string };
export type Support = z.infer<typeof supportSchema>;

async function read(db: Db, key: string): Promise<Record<string, unknown>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value ?? {};
}

// WCAG relative luminance, to pick white or black text on the theme colour (AA contrast).
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function darken(hex: string, factor: number): string {
  return `#${[1, 3, 5]
    .map((i) => Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * factor).toString(16).padStart(2, "0"))
    .join("")}`;
}

export async function getBranding(db: Db): Promise<Branding> {
  const branding = brandingSchema.parse(await read(db, "branding"));
  const l = luminance(branding.themeColor);
  const themeText = 1.05 / (l + 0.05) >= 4.5 ? "#ffffff" : "#000000";
  return { ...branding, themeText, themeStrong: darken(branding.themeColor, 0.8) };
}

export async function getSupport(db: Db): Promise<Support> {
  return supportSchema.parse(await read(db, "support"));
}
