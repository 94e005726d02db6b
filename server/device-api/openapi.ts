import { z } from "zod";
import { enrollRequestSchema } from "../devices/device-facts";
import { checkInAnswerSchema, checkInRequestSchema, commandResultRequestSchema, enrollAnswerSchema, errorAnswerSchema } from "./schemas";

const schema = (s: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(s, { io, unrepresentable: "any" });
const json = (s: z.ZodType, io: "input" | "output" = "output") => ({ content: { "application/json": { schema: schema(s, io) } } });
const error = (description: string) => ({ description, ...json(errorAnswerSchema) });
const common = { "400": error("Invalid body"), "413": error("Body too large"), "429": error("Rate limited (see Retry-After)") };
const bearer = [{ deviceSecret: [] }];

/** The OpenAPI 3.1 document of the device protocol, generated from the schemas the routes use. */
export function deviceOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: { title: "Ward device protocol", version: "1.0.0", description: "How a device's management agent enrolls, checks in, receives commands and reports results." },
    servers: [{ url: `${serverUrl}/api/device/v1` }],
    components: { securitySchemes: { deviceSecret: { type: "http", scheme: "bearer", description: "The secret returned once by enroll." } } },
    paths: {
      "/enroll": {
        post: {
          summary: "Enroll with a one-time code",
          requestBody: { required: true, ...json(enrollRequestSchema, "input") },
          responses: {
            "201": { description: "Enrolled", ...json(enrollAnswerSchema) },
            ...common,
            "409": error("Code already used"),
            "410": error("Code expired"),
            "422": error("Refused by a restriction or by the account (reason code in error.code)"),
          },
        },
      },
      "/checkin": {
        post: {
          summary: "Report inventory and receive commands",
          security: bearer,
          requestBody: { required: true, ...json(checkInRequestSchema, "input") },
          responses: { "200": { description: "Commands and compliance", ...json(checkInAnswerSchema) }, ...common, "401": error("Unknown secret"), "403": error("Device retired or wiped") },
        },
      },
      "/commands/{id}/result": {
        post: {
          summary: "Report a command's result (idempotent)",
          security: bearer,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          requestBody: { required: true, ...json(commandResultRequestSchema, "input") },
          responses: { "204": { description: "Recorded (or already recorded)" }, ...common, "401": error("Unknown secret"), "404": error("Not this device's command") },
        },
      },
      "/events": {
        get: {
          summary: "Push channel (server-sent events)",
          security: bearer,
          description: "`event: hello` on connect, `event: checkin` when a command is queued (check in at once), and heartbeat comments.",
          responses: { "200": { description: "text/event-stream", content: { "text/event-stream": { schema: { type: "string" } } } }, "401": error("Unknown secret"), "403": error("Device retired or wiped") },
        },
      },
    },
  };
}
