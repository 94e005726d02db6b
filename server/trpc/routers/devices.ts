import { z } from "zod";
import { commandKindEnum } from "@/db/schema";
import { authSecret } from "../../auth/secret";
import { env } from "../../env";
import { cancelCommand, listCommands, requestCommand } from "../../services/commands";
import { revealPasscode } from "../../services/command-passcode";
import { deviceDetails } from "../../services/device-details";
import { foundDevice } from "../../services/lost-device";
import { reportNotMe } from "../../services/not-me-report";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

const deviceId = z.uuid("Choose one of your devices.");

/** Self-service actions on one's own devices; the rules live in the command services. */
export const devicesRouter = router({
  /** Everything the device page shows: inventory, compliance per rule, access, capabilities, history. */
  get: protectedProcedure.input(z.object({ deviceId })).query(({ ctx, input }) => deviceDetails(ctx.db, ctx.user.id, input.deviceId, new Date())),
  commands: protectedProcedure
    .input(z.object({ deviceId }))
    .query(({ ctx, input }) => listCommands(ctx.db, { kind: "owner", userId: ctx.user.id, authTime: ctx.session.authTime }, input.deviceId)),
  requestCommand: protectedProcedure
    .input(z.object({ deviceId, kind: z.enum(commandKindEnum.enumValues), payload: z.record(z.string(), z.unknown()).optional() }))
    .mutation(({ ctx, input }) =>
      requestCommand(
        ctx.db,
        { kind: "owner", userId: ctx.user.id, authTime: ctx.session.authTime },
        input.deviceId,
        { kind: input.kind, payload: input.payload },
        { ip: ctx.ip, userAgent: ctx.userAgent },
        { passcodeKey: authSecret(), stepUpMaxAgeSeconds: env().stepUpSeconds },
      ),
    ),
  /** "I found it": cancels a wipe or lock that has not reached the device and leaves lost mode. */
  found: protectedProcedure
    .input(z.object({ deviceId }))
    .mutation(({ ctx, input }) =>
      foundDevice(ctx.db, ctx.user.id, input.deviceId, { ip: ctx.ip, userAgent: ctx.userAgent }, { passcodeKey: authSecret(), authTime: ctx.session.authTime }),
    ),
  cancelCommand: protectedProcedure
    .input(z.object({ commandId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      cancelCommand(ctx.db, { kind: "owner", userId: ctx.user.id, authTime: ctx.session.authTime }, input.commandId, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
  revealPasscode: protectedProcedure
    .input(z.object({ commandId: z.uuid() }))
    .mutation(({ ctx, input }) => revealPasscode(ctx.db, ctx.user.id, input.commandId, { ip: ctx.ip, userAgent: ctx.userAgent }, { passcodeKey: authSecret() })),
  reportNotMe: protectedProcedure
    .input(z.object({ deviceId }))
    .mutation(({ ctx, input }) => reportNotMe(ctx.db, ctx.user.id, input.deviceId, { ip: ctx.ip, userAgent: ctx.userAgent })),
});
