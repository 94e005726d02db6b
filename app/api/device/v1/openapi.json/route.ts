import { deviceOpenApiDocument } from "@/server/device-api/openapi";
import { env } from "@/server/env";

export function GET() {
  return Response.json(deviceOpenApiDocument(env().authUrl), { headers: { "cache-control": "public, max-age=300" } });
}
