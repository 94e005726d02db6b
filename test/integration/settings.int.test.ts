import { describe, expect, it } from "vitest";
import { settings } from "@/db/schema";
import { getBranding, getSupport } from "@/server/services/settings";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

async function setBranding(value: Record<string, unknown>) {
  await database.db.insert(settings).values({ key: "branding", value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

describe("branding and support settings", () => {
  it("falls back to Ward's defaults when nothing is set", async () => {
    expect(await getBranding(database.db)).toEqual({
      organizationName: "Ward",
      themeColor: "#0f62fe",
      logoUrl: null,
      privacyUrl: null,
      themeText: "#ffffff",
      themeStrong: "#0c4ecb",
    });
    expect(await getSupport(database.db)).toEqual({ email: null, phone: null, hours: null, url: null });
  });

  it("picks text that keeps AA contrast on the organization's colour", async () => {
    await setBranding({ organizationName: "Yellow Co", themeColor: "#ffd700" });
    expect(await getBranding(database.db)).toMatchObject({ organizationName: "Yellow Co", themeText: "#000000" });
    await setBranding({ organizationName: "Navy Co", themeColor: "#001f5c" });
    expect(await getBranding(database.db)).toMatchObject({ themeText: "#ffffff" });
  });

  it("ignores invalid stored values field by field instead of breaking pages", async () => {
    await setBranding({ organizationName: "", themeColor: "red", logoUrl: "javascript:alert(1)", privacyUrl: "https://example.com/privacy" });
    expect(await getBranding(database.db)).toMatchObject({ organizationName: "Ward", themeColor: "#0f62fe", logoUrl: null, privacyUrl: "https://example.com/privacy" });
  });
});
