import { authSecret } from "@/server/auth/secret";
import { readJsonBody } from "@/server/device-api/body";
import { deviceRoute, deviceRule, enforceRateLimit } from "@/server/device-api/handler";
import { checkInRequestSchema } from "@/server/device-api/schemas";
import { checkIn } from "@/server/services/check-in";
import { authenticateDevice } from "@/server/services/device-auth";

export const POST = deviceRoute(async (request, { db }) => {
  const device = await authenticateDevice(db, request.headers.get("authorization"));
  await enforceRateLimit(db, `device:${device.id}`, deviceRule);
  const report = await readJsonBody(request, checkInRequestSchema);
  return Response.json(await checkIn(db, device, report, { passcodeKey: authSecret() }));
});
