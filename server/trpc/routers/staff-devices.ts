import { z } from "zod";
import { authSecret } from "../../auth/secret";
import type { CommandKind } from "../../devices/capabilities";
import { commandPayloadSchemas } from "../../devices/command-payloads";
import { staffCallerOf } from "../../services/staff-caller";
import { deleteDeviceRecord, staffCancelCommand, staffDeviceCommands, staffRequestCommand } from "../../services/staff-devices";
import { router } from "../init";
import { staffProcedure } from "../procedures";

// Ids come from URLs and links: a malformed one answers NOT_FOUND from the service.
const id = z.string().min(1).max(100);
const reason = z.string().trim().min(3, "Give a reason (at least 3 characters).").max(500, "Use at most 500 characters.");
const onDevice = z.object({ deviceId: id, reason });

type StaffCtx = Parameters<typeof staffCallerOf>[0] & { db: Parameters<typeof staffRequestCommand>[0] };

/** Every action goes through the command service, as self-service does; the staff rules live in the service. */
const act = (ctx: StaffCtx, deviceId: string, why: string, kind: CommandKind, payload?: Record<string, unknown>) =>
  staffRequestCommand(ctx.db, staffCallerOf(ctx), deviceId, { kind, payload }, why, { passcodeKey: authSecret() });

/**
 * Help desk: remote actions (F16). Each is a staffProcedure of its own permission, takes a
 * reason, and answers NOT_FOUND for a device outside the scope of that permission.
 */
export const staffDevicesRouter = router({
  rename: staffProcedure("devices.rename")
    .input(onDevice.extend({ name: commandPayloadSchemas.rename.shape.name }))
    .mutation(({ ctx, input }) => act(ctx, input.deviceId, input.reason, "rename", { name: input.name })),
  sync: staffProcedure("devices.sync").input(onDevice).mutation(({ ctx, input }) => act(ctx, input.deviceId, input.reason, "sync")),
  lock: staffProcedure("devices.lock")
    .input(onDevice.extend(commandPayloadSchemas.lock.shape))
    .mutation(({ ctx, input: { deviceId, reason: why, message, phone } }) =>
      act(ctx, deviceId, why, "lock", { ...(message ? { message } : {}), ...(phone ? { phone } : {}) }),
    ),
  lostModeOff: staffProcedure("devices.lock").input(onDevice).mutation(({ ctx, input }) => act(ctx, input.deviceId, input.reason, "lost_mode_off")),
  resetPasscode: staffProcedure("devices.reset_passcode")
    .input(onDevice)
    .mutation(({ ctx, input }) => act(ctx, input.deviceId, input.reason, "reset_passcode")),
  retire: staffProcedure("devices.retire").input(onDevice).mutation(({ ctx, input }) => act(ctx, input.deviceId, input.reason, "retire")),
  wipe: staffProcedure("devices.wipe").input(onDevice).mutation(({ ctx, input }) => act(ctx, input.deviceId, input.reason, "wipe")),
  /**
   * Any staff member may call it; the service then asks for the permission of the command's kind
   * (FORBIDDEN without any device action permission, NOT_FOUND out of scope).
   */
  cancel: staffProcedure()
    .input(z.object({ commandId: id, reason }))
    .mutation(({ ctx, input }) => staffCancelCommand(ctx.db, staffCallerOf(ctx), input.commandId, input.reason)),
  /** Removes the device record for good: its secret stops working; audited with a snapshot. */
  delete: staffProcedure("devices.delete")
    .input(onDevice)
    .mutation(({ ctx, input }) => deleteDeviceRecord(ctx.db, staffCallerOf(ctx), input.deviceId, input.reason)),
  /** A device's command history, newest first. */
  commands: staffProcedure("devices.read")
    .input(z.object({ deviceId: id }))
    .query(({ ctx, input }) => staffDeviceCommands(ctx.db, staffCallerOf(ctx), input.deviceId)),
});
