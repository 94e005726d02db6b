/**
 * "I found it" in the lost-device flow (DESIGN F7): undo what was asked for the lost device as
 * far as it can still be undone. A wipe or lock that has not reached the device is canceled; a
 * device in lost mode is told to leave it. Each step is its own audited request (cancelCommand,
 * requestCommand), so the outcome says what happened to each part.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { deviceCommands } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError, isAppError } from "../errors";
import type { RequestMeta } from "../http/request-meta";
import { ACTIVE_STATUSES, type CommandView } from "./command-effects";
import { cancelCommand, findDevice, requestCommand, type Requester } from "./commands";

export type FoundOutcome = {
  /** canceled: stopped in time; too_late: already on the device; by_it: IT asked for it, only IT stops it. */
  wipe: "none" | "canceled" | "too_late" | "by_it";
  /** A lock still waiting for the device is called off; one being delivered right now is left to land. */
  lock: "none" | "canceled" | "in_flight";
  lostModeOff:
    | { status: "requested" | "already_requested"; command: CommandView }
    | { status: "not_needed" }
    | { status: "refused"; reason: string };
  /** What happened and what happens next, in a few sentences the portal shows as is. */
  message: string;
};

const activeOf = (db: Db, deviceId: string) =>
  db
    .select()
    .from(deviceCommands)
    .where(and(eq(deviceCommands.deviceId, deviceId), inArray(deviceCommands.status, [...ACTIVE_STATUSES])))
    .orderBy(desc(deviceCommands.createdAt));

/** Cancels one command; "too_late" when it reached the device meanwhile (cancelCommand's CONFLICT). */
async function tryCancel(db: Db, requester: Requester, commandId: string, meta: RequestMeta, now?: Date): Promise<"canceled" | "too_late" | "ended"> {
  try {
    await cancelCommand(db, requester, commandId, meta, { now });
    return "canceled";
  } catch (error) {
    if (isAppError(error) && error.code === "CONFLICT") return error.details?.reason === "too_late" ? "too_late" : "ended";
    throw error;
  }
}

export async function foundDevice(
  db: Db,
  userId: string,
  deviceId: string,
  meta: RequestMeta,
  opts: { passcodeKey: string; authTime: number; now?: Date },
): Promise<FoundOutcome> {
  const requester: Requester = { kind: "owner", userId, authTime: opts.authTime };
  await findDevice(db, requester, deviceId);
  const active = await activeOf(db, deviceId);
  const own = (c: (typeof active)[number]) => c.origin === "self_service" && c.requestedById === userId;

  // The wipe first: every second counts before the device comes back online.
  let wipe: FoundOutcome["wipe"] = "none";
  const pendingWipe = active.find((c) => c.kind === "wipe");
  if (pendingWipe && !own(pendingWipe)) wipe = "by_it";
  else if (pendingWipe?.status === "sent") wipe = "too_late";
  else if (pendingWipe) {
    const result = await tryCancel(db, requester, pendingWipe.id, meta, opts.now);
    wipe = result === "ended" ? "none" : result;
  }

  let lock: FoundOutcome["lock"] = "none";
  for (const pendingLock of active.filter((c) => c.kind === "lock" && own(c))) {
    // A sent lock may already be on the screen: canceling it would leave the device locked while
    // Ward thinks it is not, with no way to unlock it. Let it land, then leave lost mode.
    if (pendingLock.status === "sent") lock = "in_flight";
    // "ended": it completed meanwhile, so the device is in lost mode and is unlocked below.
    else if ((await tryCancel(db, requester, pendingLock.id, meta, opts.now)) === "canceled") lock = lock === "none" ? "canceled" : lock;
  }

  // Read again: canceling the wipe put a lost device back in lost mode.
  const device = await findDevice(db, requester, deviceId);
  let lostModeOff: FoundOutcome["lostModeOff"] = { status: "not_needed" };
  const alreadyOff = (await activeOf(db, deviceId)).find((c) => c.kind === "lost_mode_off");
  if (alreadyOff) {
    const { secretCiphertext: _secret, ...command } = alreadyOff;
    lostModeOff = { status: "already_requested", command };
  } else if (device.managementState === "lost_mode") {
    // Only lost mode has something to undo; a wipe that could not be stopped keeps the device in wipe_pending.
    try {
      const command = await requestCommand(db, requester, deviceId, { kind: "lost_mode_off" }, meta, { passcodeKey: opts.passcodeKey, now: opts.now });
      lostModeOff = { status: "requested", command };
    } catch (error) {
      // E.g. terms waiting for acceptance: what was canceled above still stands.
      if (!(error instanceof AppError)) throw error;
      lostModeOff = { status: "refused", reason: error.message };
    }
  }
  return { wipe, lock, lostModeOff, message: describe(wipe, lock, lostModeOff) };
}

function describe(wipe: FoundOutcome["wipe"], lock: FoundOutcome["lock"], off: FoundOutcome["lostModeOff"]): string {
  const parts: string[] = [];
  if (wipe === "canceled") parts.push("The wipe was stopped before it reached the device: nothing was erased.");
  if (wipe === "too_late") parts.push("The wipe had already reached the device and cannot be stopped.");
  if (wipe === "by_it") parts.push("IT requested the wipe; contact the help desk to stop it.");
  if (lock === "canceled") parts.push("The lock was called off before it reached the device.");
  if (lock === "in_flight") parts.push("The lock is reaching the device right now; once it shows as done, select “I found it” again to unlock it.");
  if (off.status === "requested" || off.status === "already_requested") parts.push("The device leaves lost mode as soon as it is online.");
  else if (off.status === "refused") parts.push(off.reason);
  else if (off.status === "not_needed" && parts.length === 0) parts.push("The device is not in lost mode: there is nothing to undo.");
  return parts.join(" ");
}
