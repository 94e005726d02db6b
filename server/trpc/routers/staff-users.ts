import { router } from "../init";

/** Help desk: users (issue 5). Every procedure is a staffProcedure("<permission>"). */
export const staffUsersRouter = router({});
