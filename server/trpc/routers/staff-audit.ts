import { router } from "../init";

/** Help desk: audit (issue 5). Every procedure is a staffProcedure("<permission>"). */
export const staffAuditRouter = router({});
