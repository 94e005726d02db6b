import { z } from "zod";
import { staffUserPage } from "../../services/staff-user-page";
import { searchUsers } from "../../services/user-search";
import { router } from "../init";
import { staffProcedure } from "../procedures";

// Ids come from URLs: a malformed one answers NOT_FOUND from the service, like an unknown one.
const userId = z.string().min(1).max(100);

/** Help desk: users (F14, F15). Every procedure is a staffProcedure("<permission>"). */
export const staffUsersRouter = router({
  /** Users in the caller's users.read scope by name, e-mail, phone, serial or IMEI. */
  search: staffProcedure("users.read")
    .input(z.object({ query: z.string().max(200) }))
    .query(({ ctx, input }) => searchUsers(ctx.db, ctx.staff.grants, input.query)),
  /** The user page; each section needs its own read permission over the user (null without it). */
  get: staffProcedure("users.read")
    .input(z.object({ userId }))
    .query(({ ctx, input }) => staffUserPage(ctx.db, ctx.staff.allGrants, input.userId, new Date())),
});
