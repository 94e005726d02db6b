import { platformLabels } from "../../../_components/labels";
import { TimeAgo } from "../../../_components/ui/time-ago";
import { ownershipLabels } from "../../../_components/labels";
import type { DeviceDetails } from "./use-device";

const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? "Not reported" : value ? yes : no);

function storage({ storageFreeGb: free, storageTotalGb: total }: DeviceDetails["inventory"]): string {
  if (total === null) return "Not reported";
  return free === null ? `${total} GB` : `${free} GB free of ${total} GB`;
}

/** What the device reported about itself, and how it is managed. */
export function Inventory({ details }: { details: DeviceDetails }) {
  const { device, inventory } = details;
  const rows: [string, React.ReactNode][] = [
    ["Model", [device.manufacturer, device.model].filter(Boolean).join(" ") || "Not reported"],
    ["System", `${platformLabels[device.platform]} ${device.osVersion}`],
    ["Ownership", ownershipLabels[device.ownership] ?? device.ownership],
    ["Serial number", device.serial ?? "Not reported"],
    ["IMEI", device.imei ?? "Not reported"],
    ["Storage", storage(inventory)],
    ["Encryption", yesNo(inventory.encrypted, "Encrypted", "Not encrypted")],
    ["Passcode", yesNo(inventory.passcodeSet, "Set", "Not set")],
    ["Battery", inventory.batteryLevel === null ? "Not reported" : `${Math.round(inventory.batteryLevel <= 1 ? inventory.batteryLevel * 100 : inventory.batteryLevel)}%`],
    ["Enrolled", <TimeAgo key="enrolled" date={device.enrolledAt} />],
    ["Last check-in", <TimeAgo key="checkin" date={device.lastCheckInAt} />],
  ];
  return (
    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-gray-700 dark:text-gray-300">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
