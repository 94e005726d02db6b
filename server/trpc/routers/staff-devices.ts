import { router } from "../init";

/** Help desk: devices (issue 5). Every procedure is a staffProcedure("<permission>"). */
export const staffDevicesRouter = router({});
