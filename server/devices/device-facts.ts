import { z } from "zod";
import { platformEnum } from "@/db/schema/enums";
import { OS_VERSION_PATTERN } from "./os-version";

/**
 * What a device says about itself at enrollment (facts) and at each check-in (inventory). One
 * schema for the service, the device HTTP API and its OpenAPI document, so they cannot drift.
 */


// Agents often send "" for a fact they do not know; accepted here and stored as null.
const optionalText = (max: number) => z.string().trim().max(max, `Send at most ${max} characters.`).optional();

export const deviceFactsSchema = z
  .object({
    platform: z.enum(platformEnum.enumValues, `Send one of: ${platformEnum.enumValues.join(", ")}.`).describe("Operating system family."),
    osVersion: z
      .string("Send the OS version as text, like \"17.4.1\".")
      .trim()
      .max(64, "Send at most 64 characters.")
      .regex(OS_VERSION_PATTERN, "Send the OS version starting with its number, like \"17.4.1\" or \"10.0.22631\".")
      .describe('OS version as the device reports it, starting with its dotted number: "17.4.1", "14", "10.0.22631", "17.5 (21F79)".'),
    name: optionalText(100).describe('Name the user gave the device (e.g. "Anna\'s iPhone"); shown in the portal when set.'),
    model: optionalText(128).describe('Model name, e.g. "iPhone 15" or "Pixel 8".'),
    manufacturer: optionalText(128).describe('Manufacturer, e.g. "Apple" or "Google".'),
    serial: optionalText(64).describe("Hardware serial number; the help desk searches by it."),
    imei: z
      .string()
      .trim()
      .regex(/^(\d{14,16})?$/, "Send the IMEI as 14 to 16 digits.")
      .optional()
      .describe("IMEI of the first cellular modem (digits only); absent on devices without one."),
  })
  .describe("Facts the device reports about itself when it enrolls.");

// Extra facts are allowed (the inventory column is open-ended) but only as flat scalars, few of them.
const extraFact = z.union([z.string().max(256), z.number(), z.boolean(), z.null()]);
const MAX_INVENTORY_FACTS = 64;

export const deviceInventorySchema = z
  .object({
    passcodeSet: z.boolean().optional().describe("A screen lock passcode, PIN or password is set."),
    encrypted: z.boolean().optional().describe("Storage is encrypted (FileVault, BitLocker, file-based encryption)."),
    jailbroken: z.boolean().optional().describe("The device is jailbroken or rooted."),
    storageTotalGb: z.number().nonnegative().max(1_000_000).optional().describe("Total storage in GB."),
    storageFreeGb: z.number().nonnegative().max(1_000_000).optional().describe("Free storage in GB."),
    batteryLevel: z.number().min(0).max(100).optional().describe("Battery charge in percent (0-100)."),
  })
  .catchall(extraFact)
  .refine((inventory) => Object.keys(inventory).length <= MAX_INVENTORY_FACTS, `Send at most ${MAX_INVENTORY_FACTS} inventory facts.`)
  .describe("Inventory the device reports at enrollment and at each check-in; other flat facts (text, number, true/false) are kept as sent.");

export const enrollRequestSchema = z
  .object({
    code: z
      .string("Send the enrollment code shown in the portal.")
      .trim()
      .min(1, "Send the enrollment code shown in the portal.")
      .max(32, "Send the enrollment code shown in the portal.")
      .describe('The one-time enrollment code from the portal, e.g. "ABCD-EFGH" (case, dash and spaces do not matter).'),
    facts: deviceFactsSchema,
    inventory: deviceInventorySchema.default({}),
  })
  .describe("Body of POST /api/device/v1/enroll.");

export type DeviceFacts = z.infer<typeof deviceFactsSchema>;
export type DeviceInventoryInput = z.infer<typeof deviceInventorySchema>;
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;
