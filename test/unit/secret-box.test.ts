import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";

const KEY = "test-app-secret-0123456789abcdef";

describe("secret box", () => {
  it("round-trips a secret in the v1 format, with a fresh IV each time", () => {
    const sealed = sealSecret("042137", KEY);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain("042137");
    expect(openSecret(sealed, KEY)).toBe("042137");
    expect(sealSecret("042137", KEY)).not.toBe(sealed);
    expect(openSecret(sealSecret("pässwörd ✓", KEY), KEY)).toBe("pässwörd ✓");
  });

  it("refuses a tampered box", () => {
    const [version, iv, tag, ciphertext] = sealSecret("123456", KEY).split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0]! ^= 1;
      return bytes.toString("base64url");
    };
    expect(() => openSecret([version, iv, tag, flip(ciphertext)].join("."), KEY)).toThrow(/cannot decrypt/);
    expect(() => openSecret([version, iv, flip(tag), ciphertext].join("."), KEY)).toThrow(/cannot decrypt/);
    expect(() => openSecret([version, flip(iv), tag, ciphertext].join("."), KEY)).toThrow(/cannot decrypt/);
    expect(() => openSecret(["v2", iv, tag, ciphertext].join("."), KEY)).toThrow(/unknown format/);
    expect(() => openSecret("not a box", KEY)).toThrow(/unknown format/);
  });

  it("refuses the wrong key", () => {
    const sealed = sealSecret("123456", KEY);
    expect(() => openSecret(sealed, `${KEY}x`)).toThrow(/cannot decrypt/);
    expect(() => sealSecret("123456", "")).toThrow(/app secret/);
  });
});
