import { readJsonBody } from "@/server/device-api/body";
import { deviceRoute, deviceRule, enforceRateLimit } from "@/server/device-api/handler";
import { commandResultRequestSchema } from "@/server/device-api/schemas";
import { recordCommandResult } from "@/server/services/command-delivery";
import { authenticateDevice } from "@/server/services/device-auth";

export const POST = deviceRoute<{ id: string }>(async (request, { db, meta }, params) => {
  const device = await authenticateDevice(db, request.headers.get("authorization"));
  await enforceRateLimit(db, `device:${device.id}`, deviceRule);
  const body = await readJsonBody(request, commandResultRequestSchema);
  await recordCommandResult(db, device, params.id, body, meta);
  return new Response(null, { status: 204 });
});
