import type { platformEnum } from "@/db/schema/enums";

type Platform = (typeof platformEnum.enumValues)[number];

/** How each platform is written for people; the one table every screen and message uses. */
export const platformLabels: Record<Platform, string> = {
  ios: "iOS",
  ipados: "iPadOS",
  android: "Android",
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
};
