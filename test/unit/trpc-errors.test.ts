import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import * as mini from "zod/mini";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";
import { createContext } from "@/server/trpc/context";
import { router } from "@/server/trpc/init";
import { publicProcedure } from "@/server/trpc/procedures";

// A router built from the real procedure builders, served by the real fetch adapter, to check the
// error contract every Ward procedure inherits (no database is touched).
const testRouter = router({
  rename: publicProcedure.input(z.object({ name: z.string().min(1, "Give the device a name").max(40, "40 characters at most") })).mutation(({ input }) => input.name),
  renameMini: publicProcedure.input(mini.object({ name: mini.string().check(mini.minLength(1, "Give the device a name")) })).mutation(({ input }) => input.name),
  conflict: publicProcedure.mutation(() => {
    throw new AppError("CONFLICT", "A wipe is already pending for this device.", { commandId: "c1" });
  }),
  crash: publicProcedure.mutation(() => {
    throw new Error("relation \"secret_table\" does not exist");
  }),
});

async function call(path: string, body: unknown) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://ward.test/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: body }) }),
    router: testRouter,
    createContext: () => createContext({ db: {} as Db }),
    onError: () => {},
  });
  const payload = (await response.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
  return { status: response.status, error: payload.error?.json };
}

describe("tRPC error contract", () => {
  it("returns zod failures as field errors with a 400", async () => {
    const { status, error } = await call("rename", { name: "" });
    expect(status).toBe(400);
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(error.data.fieldErrors).toEqual({ name: ["Give the device a name"] });
  });

  it("returns zod/mini failures as field errors too", async () => {
    const { status, error } = await call("renameMini", { name: "" });
    expect(status).toBe(400);
    expect(error.data.fieldErrors).toEqual({ name: ["Give the device a name"] });
  });

  it("maps the domain error to its code, keeping its message and details", async () => {
    const { status, error } = await call("conflict", {});
    expect(status).toBe(409);
    expect(error.message).toBe("A wipe is already pending for this device.");
    expect(error.data).toMatchObject({ code: "CONFLICT", appCode: "CONFLICT", details: { commandId: "c1" } });
  });

  it("hides internal errors behind a generic message", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, error } = await call("crash", {});
    spy.mockRestore();
    expect(status).toBe(500);
    expect(error.message).toBe("Something went wrong on our side. Please try again.");
    expect(JSON.stringify(error)).not.toContain("secret_table");
  });
});
