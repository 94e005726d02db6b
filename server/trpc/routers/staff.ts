import { staffOverview } from "../../services/staff-overview";
import { router } from "../init";
import { staffProcedure } from "../procedures";
import { staffAuditRouter } from "./staff-audit";
import { staffDevicesRouter } from "./staff-devices";
import { staffRbacRouter } from "./staff-rbac";
import { staffTicketsRouter } from "./staff-tickets";
import { staffUsersRouter } from "./staff-users";

/** The staff area (F13): every procedure checks its permission and scope on the server. */
export const staffRouter = router({
  overview: staffProcedure().query(({ ctx }) => staffOverview(ctx.db, ctx.staff.allGrants)),
  users: staffUsersRouter,
  devices: staffDevicesRouter,
  tickets: staffTicketsRouter,
  audit: staffAuditRouter,
  rbac: staffRbacRouter,
});
