import { router } from "../init";

/** Help desk: tickets (issue 5). Every procedure is a staffProcedure("<permission>"). */
export const staffTicketsRouter = router({});
