import { staffOverview } from "../../services/staff-overview";
import { router } from "../init";
import { staffProcedure } from "../procedures";

export const staffRouter = router({
  overview: staffProcedure().query(({ ctx }) => staffOverview(ctx.db, ctx.staff.allGrants)),
});
