import { LinkButton } from "../../../_components/ui/button";

/** Shown for an unknown id and for anyone else's device alike. */
export default function DeviceNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Device not found</h1>
      <p className="text-gray-700 dark:text-gray-300">This device does not exist, or it is not one of yours.</p>
      <LinkButton href="/devices">See my devices</LinkButton>
    </div>
  );
}
