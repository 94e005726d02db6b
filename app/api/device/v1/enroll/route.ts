import { readJsonBody } from "@/server/device-api/body";
import { deviceRoute, enforceRateLimit } from "@/server/device-api/handler";
import { enrollRequestSchema } from "@/server/devices/device-facts";
import { enrollDevice } from "@/server/services/enrollment";

// Codes are 8 characters from 31 symbols; this keeps guessing from one address hopeless.
const enrollRule = { limit: 30, windowSeconds: 10 * 60 };

export const POST = deviceRoute(async (request, { db, meta }) => {
  await enforceRateLimit(db, `enroll-ip:${meta.ip ?? "unknown"}`, enrollRule);
  const body = await readJsonBody(request, enrollRequestSchema);
  return Response.json(await enrollDevice(db, body, meta), { status: 201 });
});
