import { readJsonBody } from "@/server/device-api/body";
import { deviceRoute, enforceRateLimit } from "@/server/device-api/handler";
import { enrollRequestSchema } from "@/server/devices/device-facts";
import { env } from "@/server/env";
import { enrollDevice } from "@/server/services/enrollment";

export const POST = deviceRoute(async (request, { db, meta }) => {
  // Codes are 8 characters from 31 symbols (~8.5e11): at this rate guessing one is hopeless.
  await enforceRateLimit(db, `enroll-ip:${meta.ip ?? "unknown"}`, { limit: env().enrollmentsPerAddress, windowSeconds: 10 * 60 });
  const body = await readJsonBody(request, enrollRequestSchema);
  return Response.json(await enrollDevice(db, body, meta), { status: 201 });
});
