import { router } from "../init";

/** Help desk: rbac (issue 5). Every procedure is a staffProcedure("<permission>"). */
export const staffRbacRouter = router({});
