/**
 * The demo organization as plain data, plus the small deterministic helpers that turn it into
 * rows. Kept apart from the inserts in ./demo so the story (who owns what, which device fails
 * which rule) can be read in one place.
 */
import type { DeviceInventory } from "@/db/schema";

type Platform = "ios" | "ipados" | "android" | "windows" | "macos" | "linux";
type Ownership = "personal" | "corporate";
export type Region = "EMEA" | "Americas";

/** Seeded PRNG (mulberry32): the same serials, IMEIs and dates on every fresh seed, so tests can rely on them. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Who the seed's summary audit events name as their actor. */
export const SYSTEM = { kind: "system", label: "demo seed" } as const;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

export function makeSerial(random: () => number, taken: Set<string>): string {
  for (;;) {
    let serial = "";
    for (let i = 0; i < 12; i++) serial += SERIAL_ALPHABET[Math.floor(random() * SERIAL_ALPHABET.length)];
    if (!taken.has(serial)) return taken.add(serial), serial;
  }
}

/** 15 digits ending in a Luhn check digit, like a real IMEI, so validators in the UI accept it. */
export function makeImei(random: () => number): string {
  let body = "35";
  while (body.length < 14) body += Math.floor(random() * 10);
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(body[i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return body + ((10 - (sum % 10)) % 10);
}

/** "Chloé Martin" -> "chloe.martin": the demo e-mail convention, so Sam and Maria match demoAccounts. */
export function emailFor(name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return `${ascii.split(" ").map((part) => part.replace(/[^a-z]/g, "")).join(".")}@ward.example`;
}

type Model = { platform: Platform; model: string; manufacturer: string; short: string; os: string; storageGb: number };

/** Hardware the demo fleet is made of; `os` is the version a device runs unless its entry says otherwise. */
export const catalog = {
  iphone15: { platform: "ios", model: "iPhone 15", manufacturer: "Apple", short: "iPhone", os: "17.5", storageGb: 128 },
  iphone13: { platform: "ios", model: "iPhone 13", manufacturer: "Apple", short: "iPhone", os: "17.4", storageGb: 128 },
  ipadAir: { platform: "ipados", model: "iPad Air (5th generation)", manufacturer: "Apple", short: "iPad", os: "17.5", storageGb: 256 },
  pixel8: { platform: "android", model: "Pixel 8", manufacturer: "Google", short: "Pixel", os: "14", storageGb: 128 },
  galaxyS23: { platform: "android", model: "Galaxy S23", manufacturer: "Samsung", short: "Galaxy", os: "14", storageGb: 256 },
  galaxyA54: { platform: "android", model: "Galaxy A54 5G", manufacturer: "Samsung", short: "Galaxy", os: "13", storageGb: 128 },
  latitude: { platform: "windows", model: "Latitude 7440", manufacturer: "Dell", short: "Latitude", os: "10.0.22631", storageGb: 512 },
  thinkpadX1: { platform: "windows", model: "ThinkPad X1 Carbon Gen 11", manufacturer: "Lenovo", short: "ThinkPad", os: "10.0.22631", storageGb: 512 },
  surface: { platform: "windows", model: "Surface Laptop 5", manufacturer: "Microsoft", short: "Surface", os: "10.0.19045", storageGb: 256 },
  macbookPro: { platform: "macos", model: "MacBook Pro (14-inch, M3)", manufacturer: "Apple", short: "MacBook Pro", os: "14.5", storageGb: 1024 },
  macbookAir: { platform: "macos", model: "MacBook Air (13-inch, M2)", manufacturer: "Apple", short: "MacBook Air", os: "14.4", storageGb: 512 },
  thinkpadT14: { platform: "linux", model: "ThinkPad T14 Gen 4", manufacturer: "Lenovo", short: "ThinkPad", os: "22.04", storageGb: 512 },
  framework: { platform: "linux", model: "Framework Laptop 13", manufacturer: "Framework", short: "Framework", os: "24.04", storageGb: 1024 },
} satisfies Record<string, Model>;

export type DeviceSpec = {
  model: keyof typeof catalog;
  own: Ownership;
  name?: string;
  os?: string;
  /** Facts that differ from a healthy device; they decide which compliance rule fails. */
  inv?: Partial<DeviceInventory>;
  /** in_grace unless `overdue` (grace ran out, now noncompliant); `unknown`: enrolled, never checked in. */
  overdue?: boolean;
  unknown?: boolean;
  lost?: boolean;
  retired?: boolean;
  finance?: boolean;
};

export type EmployeeSpec = {
  name: string;
  department: string;
  region: Region;
  status?: "disabled" | "departed";
  /** Did not accept the acceptable-use terms yet (the portal should ask them). */
  pendingTerms?: boolean;
  devices: DeviceSpec[];
};

const d = (model: keyof typeof catalog, own: Ownership, extra: Omit<DeviceSpec, "model" | "own"> = {}): DeviceSpec => ({
  model,
  own,
  ...extra,
});

// 30 employees; the compliance problems are spread so both help desks have something to look at.
export const employees: EmployeeSpec[] = [
  { name: "Sam Taylor", department: "Sales", region: "EMEA", devices: [d("iphone15", "personal", { name: "Sam's iPhone" }), d("thinkpadX1", "corporate", { name: "Sam's ThinkPad" })] },
  { name: "Priya Natarajan", department: "Engineering", region: "EMEA", devices: [d("macbookPro", "corporate"), d("pixel8", "personal")] },
  { name: "Lukas Becker", department: "Engineering", region: "EMEA", devices: [d("framework", "corporate"), d("galaxyS23", "personal"), d("ipadAir", "personal")] },
  { name: "Chloé Martin", department: "Finance", region: "EMEA", devices: [d("latitude", "corporate", { finance: true }), d("iphone15", "corporate")] },
  { name: "Oliver Bennett", department: "Sales", region: "EMEA", devices: [d("iphone13", "corporate", { os: "16.2" }), d("surface", "corporate")] },
  { name: "Amara Okafor", department: "Engineering", region: "EMEA", devices: [d("iphone15", "personal", { lost: true }), d("macbookPro", "corporate")] },
  { name: "Johan Lindqvist", department: "Operations", region: "EMEA", devices: [d("latitude", "corporate")] },
  { name: "Fatima Haddad", department: "Finance", region: "EMEA", devices: [d("thinkpadX1", "corporate", { finance: true }), d("galaxyS23", "corporate")] },
  { name: "Tomasz Nowak", department: "Engineering", region: "EMEA", devices: [d("thinkpadT14", "corporate"), d("pixel8", "personal")] },
  { name: "Giulia Romano", department: "Marketing", region: "EMEA", devices: [d("macbookAir", "corporate", { os: "13.6", overdue: true }), d("iphone13", "personal")] },
  { name: "Hannah Schmidt", department: "HR", region: "EMEA", devices: [d("surface", "corporate")] },
  { name: "Kwame Mensah", department: "Sales", region: "EMEA", devices: [d("galaxyA54", "corporate", { os: "12", overdue: true }), d("latitude", "corporate")] },
  { name: "Isabel Ferreira", department: "Engineering", region: "EMEA", devices: [d("macbookPro", "corporate"), d("iphone15", "personal"), d("ipadAir", "corporate")] },
  { name: "Niamh O'Connor", department: "Operations", region: "EMEA", status: "departed", pendingTerms: true, devices: [d("thinkpadX1", "corporate", { retired: true })] },
  { name: "Erik Johansson", department: "Sales", region: "EMEA", devices: [d("iphone15", "corporate"), d("thinkpadX1", "corporate")] },
  { name: "Maria Lopez", department: "Marketing", region: "Americas", pendingTerms: true, devices: [d("pixel8", "personal", { name: "Maria's Pixel" }), d("macbookAir", "corporate", { inv: { encrypted: false } })] },
  { name: "James Carter", department: "Engineering", region: "Americas", devices: [d("macbookPro", "corporate"), d("iphone15", "personal")] },
  { name: "Aiko Tanaka", department: "Engineering", region: "Americas", devices: [d("thinkpadT14", "corporate"), d("pixel8", "personal"), d("ipadAir", "personal")] },
  { name: "Marcus Johnson", department: "Sales", region: "Americas", devices: [d("iphone13", "personal", { inv: { jailbroken: true }, overdue: true }), d("latitude", "corporate")] },
  { name: "Sofia Hernández", department: "Finance", region: "Americas", devices: [d("surface", "corporate", { finance: true })] },
  { name: "Ethan Brooks", department: "Engineering", region: "Americas", devices: [d("latitude", "corporate", { inv: { encrypted: false } }), d("galaxyS23", "personal")] },
  { name: "Camila Souza", department: "Sales", region: "Americas", devices: [d("galaxyA54", "corporate", { inv: { passcodeSet: false } }), d("thinkpadX1", "corporate")] },
  { name: "Noah Williams", department: "Operations", region: "Americas", devices: [d("surface", "personal"), d("iphone15", "corporate")] },
  { name: "Grace Kim", department: "HR", region: "Americas", pendingTerms: true, devices: [d("macbookAir", "corporate")] },
  { name: "Daniel Nguyen", department: "Engineering", region: "Americas", devices: [d("framework", "corporate", { unknown: true }), d("pixel8", "personal")] },
  { name: "Olivia Martinez", department: "Sales", region: "Americas", devices: [d("iphone15", "corporate"), d("macbookAir", "personal")] },
  { name: "Liam O'Brien", department: "Finance", region: "Americas", status: "disabled", pendingTerms: true, devices: [d("latitude", "corporate")] },
  { name: "Zoe Campbell", department: "Marketing", region: "Americas", devices: [d("ipadAir", "corporate", { unknown: true }), d("iphone13", "personal")] },
  { name: "Mateo Silva", department: "Engineering", region: "Americas", devices: [d("macbookPro", "corporate"), d("galaxyS23", "personal")] },
  { name: "Ava Thompson", department: "Sales", region: "Americas", devices: [d("latitude", "corporate"), d("iphone15", "corporate")] },
];

/** Group memberships of the staff accounts (by e-mail); the admin stays outside every scope group on purpose. */
export const staffGroups: Record<string, Region | null> = {
  "admin@ward.example": null,
  "helpdesk.emea@ward.example": "EMEA",
  "helpdesk.americas@ward.example": "Americas",
  "readonly@ward.example": "Americas",
};

type RuleKind = "os_min_version" | "passcode_required" | "not_jailbroken" | "encryption_required";
type PolicySpec = { name: string; platform: Platform; rules: [RuleKind, string, string?][] };

const mobile = (min: string, update: string): PolicySpec["rules"] => [
  ["os_min_version", min, update],
  ["passcode_required", "true"],
  ["not_jailbroken", "true", "Jailbroken or rooted devices cannot hold company data; contact the help desk."],
  ["encryption_required", "true"],
];
const desktop = (min: string, update: string, encrypt: string): PolicySpec["rules"] => [
  ["os_min_version", min, update],
  ["passcode_required", "true"],
  ["encryption_required", "true", encrypt],
];

export const policies: PolicySpec[] = [
  { name: "iOS baseline", platform: "ios", rules: mobile("17.0", "Settings > General > Software Update.") },
  { name: "iPadOS baseline", platform: "ipados", rules: mobile("17.0", "Settings > General > Software Update.") },
  { name: "Android baseline", platform: "android", rules: mobile("13", "Settings > System > Software update.") },
  { name: "Windows baseline", platform: "windows", rules: desktop("10.0.19045", "Run Windows Update.", "Turn on BitLocker.") },
  { name: "macOS baseline", platform: "macos", rules: desktop("14.0", "System Settings > General > Software Update.", "Turn on FileVault.") },
  { name: "Linux baseline", platform: "linux", rules: desktop("22.04", "Upgrade to a supported LTS release.", "Use full-disk encryption (LUKS).") },
];

/** Enrollment floor per platform; below the compliance minimums so older devices can enroll and be nudged. */
export const restrictionPlatforms: { platform: Platform; minOsVersion: string; personalAllowed: boolean }[] = [
  { platform: "ios", minOsVersion: "16.0", personalAllowed: true },
  { platform: "ipados", minOsVersion: "16.0", personalAllowed: true },
  { platform: "android", minOsVersion: "12", personalAllowed: true },
  { platform: "windows", minOsVersion: "10.0.19044", personalAllowed: true },
  { platform: "macos", minOsVersion: "13.0", personalAllowed: true },
  // Linux is for corporate engineering machines only.
  { platform: "linux", minOsVersion: "22.04", personalAllowed: false },
];

/** Numeric dotted-version comparison ("10.0.19045" vs "10.0.9"): enough for the seed's own consistency. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Evaluates one rule against what a device reported, as the check-in service would. */
export function evaluateRule(kind: string, expected: string, os: string, inv: DeviceInventory) {
  const fact = (value: unknown, ok: boolean) =>
    value === undefined ? { status: "unknown" as const, reportedValue: null } : { status: ok ? ("compliant" as const) : ("noncompliant" as const), reportedValue: String(value) };
  if (kind === "os_min_version") return fact(os, compareVersions(os, expected) >= 0);
  if (kind === "passcode_required") return fact(inv.passcodeSet, inv.passcodeSet === true || expected !== "true");
  if (kind === "not_jailbroken") return fact(inv.jailbroken, inv.jailbroken === false || expected !== "true");
  if (kind === "encryption_required") return fact(inv.encrypted, inv.encrypted === true || expected !== "true");
  return { status: "unknown" as const, reportedValue: null };
}

export const termsBody = `## Acceptable use of enrolled devices

By enrolling a device in Ward you allow Contoso Demo to manage the parts of it that hold company data: e-mail, company apps and their settings. On a **personal** device we cannot see your photos, messages, browsing history or personal apps.

## What we can do

We can see the model, operating system version, storage, whether a passcode is set and whether the device is encrypted. We can lock the device, put it in lost mode, and remove company data. A full wipe of a personal device only happens at your request.

## What we ask of you

Keep the operating system up to date, use a passcode, and do not jailbreak or root the device. Report a lost or stolen device right away from the portal or to the help desk, so we can protect your data and the company's.

## Leaving

When you leave, company data is removed from your devices. Personal data on personal devices is not touched.`;

export const userAgents = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
];
