import { Card } from "@/app/_components/ui/card";

type Ownership = "personal" | "corporate";
type Facts = { canSee: string[]; canDo: string[]; cannotSee: string[]; note: string };

// Plain words, matched to what Ward actually collects (server/devices/device-facts.ts) and what
// each ownership allows (server/devices/capabilities.ts). Ward collects none of the "cannot see"
// items on any device, so the corporate list says the same.
const SHARED_CAN_SEE = [
  "The device's name, model and manufacturer",
  "The operating system and its version",
  "The serial number (and IMEI on phones)",
  "Whether a passcode is set, whether the storage is encrypted, and whether the device is jailbroken or rooted",
  "Storage space and battery level",
  "When the device last checked in, and whether it meets your organization's rules",
];
const CANNOT_SEE = [
  "Your photos, videos and files",
  "Your messages, e-mails, calls and contacts",
  "Your browsing history",
  "Where the device is (location)",
  "Your personal apps and what you do in them",
  "Your passwords",
];

const facts: Record<Ownership, Facts> = {
  personal: {
    canSee: SHARED_CAN_SEE,
    canDo: [
      "Lock the device and show a message with a phone number on it, if it is lost",
      "Reset a forgotten passcode (on phones and tablets)",
      "Remove company apps and data from the device; your personal data stays",
    ],
    cannotSee: CANNOT_SEE,
    note: "Personal phones, tablets and Macs are managed for work data only: your organization cannot erase them. On a personal Windows PC a full reset is possible; check your organization's terms for when it is used.",
  },
  corporate: {
    canSee: SHARED_CAN_SEE,
    canDo: [
      "Lock the device and show a message with a phone number on it",
      "Reset the passcode",
      "Remove company apps and data",
      "Erase the whole device and reset it to factory settings (wipe)",
    ],
    cannotSee: CANNOT_SEE,
    note: "This device belongs to your organization. Do not keep personal photos or files on it: a wipe erases everything.",
  },
};

function FactList({ items, kind }: { items: string[]; kind: "yes" | "no" }) {
  return (
    <ul className="mt-2 space-y-2">
      {items.map((item) => (
        <li key={item} className="flex gap-2">
          <span
            aria-hidden="true"
            className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${kind === "yes" ? "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-50" : "bg-gray-200 text-gray-900 dark:bg-gray-700 dark:text-gray-100"}`}
          >
            {kind === "yes" ? "✓" : "✕"}
          </span>
          <span>{item}</span>
        </li>
      ))}
    </ul>
  );
}

/** What the organization can and cannot see and do on a device of this ownership. */
export function PrivacyFacts({ ownership }: { ownership: Ownership }) {
  const f = facts[ownership];
  return (
    <div className="space-y-4">
      <Card aria-labelledby="can-see">
        <h2 id="can-see" className="text-lg font-semibold">
          Your organization can see
        </h2>
        <FactList items={f.canSee} kind="yes" />
      </Card>
      <Card aria-labelledby="cannot-see">
        <h2 id="cannot-see" className="text-lg font-semibold">
          Your organization cannot see
        </h2>
        <FactList items={f.cannotSee} kind="no" />
      </Card>
      <Card aria-labelledby="can-do">
        <h2 id="can-do" className="text-lg font-semibold">
          Your organization can
        </h2>
        <FactList items={f.canDo} kind="yes" />
        <p className="mt-3 text-gray-700 dark:text-gray-300">{f.note}</p>
      </Card>
    </div>
  );
}
