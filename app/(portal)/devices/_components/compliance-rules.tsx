import { StatusPill, type PillTone } from "../../../_components/ui/status-pill";
import type { DeviceDetails } from "./use-device";

const verdict: Record<string, { text: string; tone: PillTone }> = {
  compliant: { text: "Meets the requirement", tone: "good" },
  noncompliant: { text: "Needs fixing", tone: "bad" },
  unknown: { text: "Not reported", tone: "warn" },
};

/** Compliance per rule: what the device reported, what is expected, and how to fix it. */
export function ComplianceRules({ rules }: { rules: DeviceDetails["compliance"] }) {
  if (rules.length === 0) {
    return <p className="mt-2 text-gray-700 dark:text-gray-300">Not checked yet: compliance is checked when the device next checks in.</p>;
  }
  return (
    <ul className="mt-2 divide-y divide-gray-200 dark:divide-gray-700">
      {rules.map((rule) => (
        <li key={rule.ruleId} className="py-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-medium">{rule.label}</h3>
            <StatusPill tone={verdict[rule.status]!.tone}>{verdict[rule.status]!.text}</StatusPill>
          </div>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt className="text-gray-700 dark:text-gray-300">Reported</dt>
            <dd>{rule.reported}</dd>
            <dt className="text-gray-700 dark:text-gray-300">Expected</dt>
            <dd>{rule.expected}</dd>
          </dl>
          {rule.remediation && (
            <div className="mt-2 rounded-md bg-gray-50 p-3 text-sm dark:bg-gray-800">
              <p className="font-medium">How to fix it</p>
              <p className="mt-1">{rule.remediation.builtIn}</p>
              {rule.remediation.admin && (
                <p className="mt-2">
                  <span className="font-medium">From your IT team: </span>
                  {rule.remediation.admin}
                </p>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
