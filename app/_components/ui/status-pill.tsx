const tones = {
  good: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-50",
  warn: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
  bad: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-50",
  neutral: "bg-gray-100 text-gray-900 dark:bg-gray-800 dark:text-gray-100",
};
export type PillTone = keyof typeof tones;

/** A short state label; colour is never the only signal (the text says it). */
export function StatusPill({ tone, children }: { tone: PillTone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium ${tones[tone]}`}>{children}</span>;
}

export const complianceTone: Record<string, PillTone> = { compliant: "good", in_grace: "warn", noncompliant: "bad", unknown: "neutral" };
export const commandTone: Record<string, PillTone> = { pending: "neutral", sent: "warn", completed: "good", failed: "bad", canceled: "neutral", expired: "neutral" };
