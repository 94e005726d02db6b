import { accessStatusForUser } from "../../services/access-status";
import { getProfile, hasStaffAccess, listOwnDevices } from "../../services/me";
import { getBranding, getSupport } from "../../services/settings";
import { router } from "../init";
import { protectedProcedure } from "../procedures";

export const meRouter = router({
  profile: protectedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.user.id)),
  devices: protectedProcedure.query(({ ctx }) => listOwnDevices(ctx.db, ctx.user.id)),
  access: protectedProcedure.query(({ ctx }) => accessStatusForUser(ctx.db, ctx.user.id, new Date())),
  branding: protectedProcedure.query(({ ctx }) => getBranding(ctx.db)),
  support: protectedProcedure.query(({ ctx }) => getSupport(ctx.db)),
  isStaff: protectedProcedure.query(({ ctx }) => hasStaffAccess(ctx.db, ctx.user.id)),
});
