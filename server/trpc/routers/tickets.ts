import { router } from "../init";

/** Support requests from the portal (F9); filled in by the help-and-support work. */
export const ticketsRouter = router({});
