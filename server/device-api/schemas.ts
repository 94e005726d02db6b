import { z } from "zod";
import { commandKindEnum } from "@/db/schema";
import { deviceFactsSchema, deviceInventorySchema } from "../devices/device-facts";

/** Request and answer shapes of the device protocol v1; the routes validate with them and the OpenAPI document is generated from them. */
export const checkInRequestSchema = z
  .object({
    inventory: deviceInventorySchema.default({}),
    osVersion: deviceFactsSchema.shape.osVersion.optional().describe("The OS version now, when it changed since enrollment (after an update)."),
  })
  .describe("Body of POST /api/device/v1/checkin.");

export const commandResultRequestSchema = z
  .object({
    status: z.enum(["completed", "failed"]).describe("What happened on the device."),
    result: z.record(z.string(), z.unknown()).optional().describe("Details the command produced (free-form, small)."),
    error: z.string().max(1000).optional().describe("Why it failed, in words."),
  })
  .describe("Body of POST /api/device/v1/commands/{id}/result. Sending it again is a no-op.");

export const enrollAnswerSchema = z.object({
  deviceId: z.uuid(),
  deviceSecret: z.string().describe("Shown once: send it as `Authorization: Bearer <secret>` from now on."),
  checkInSeconds: z.number().int().describe("How often to check in when not told to."),
});

export const deliveredCommandSchema = z.object({
  id: z.uuid(),
  kind: z.enum(commandKindEnum.enumValues),
  payload: z.record(z.string(), z.unknown()).describe("lock: {message?, phone?}; rename: {name}; reset_passcode: {mode: temporary, passcode} on Android or {mode: clear} on iOS."),
  expiresAt: z.iso.datetime(),
});

export const checkInAnswerSchema = z.object({
  commands: z.array(deliveredCommandSchema).describe("Commands to run now; each must be answered at commands/{id}/result. A command not answered is sent again."),
  checkInSeconds: z.number().int(),
  compliance: z
    .object({
      state: z.enum(["unknown", "compliant", "in_grace", "noncompliant"]),
      graceDeadline: z.iso.datetime().nullable(),
      rules: z.array(z.object({ kind: z.string(), status: z.string(), reportedValue: z.string().nullable(), expected: z.string() })),
    })
    .describe("The device's compliance as just evaluated."),
});

export const errorAnswerSchema = z.object({
  error: z.object({
    code: z.string().describe("invalid_request, unknown_secret, device_retired, device_wiped, code_used, code_expired, a restriction's reason code, rate_limited, …"),
    message: z.string().describe("A sentence that can be shown to a person."),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
