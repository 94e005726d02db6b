import { deviceEventStream } from "@/server/device-api/event-stream";
import { deviceRoute, deviceRule, enforceRateLimit } from "@/server/device-api/handler";
import { deviceSignalHub } from "@/server/realtime/hub";
import { authenticateDevice } from "@/server/services/device-auth";

export const dynamic = "force-dynamic";

export const GET = deviceRoute(async (request, { db }) => {
  const device = await authenticateDevice(db, request.headers.get("authorization"));
  await enforceRateLimit(db, `device:${device.id}`, deviceRule);
  const stream = deviceEventStream(await deviceSignalHub(), device.id, request.signal);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps Next's compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
