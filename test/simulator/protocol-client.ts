import { EventSourceParserStream } from "eventsource-parser/stream";

/** Thrown for any non-2xx answer, with the protocol's error code. */
export class ProtocolError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

export type DeviceFacts = {
  platform: string;
  osVersion: string;
  model?: string;
  manufacturer?: string;
  serial?: string;
  imei?: string;
};
export type Inventory = Record<string, unknown>;
export type DeliveredCommand = { id: string; kind: string; payload: Record<string, unknown> };
export type CheckInAnswer = { commands: DeliveredCommand[]; checkInSeconds: number; compliance: unknown };

/** The device protocol v1 over HTTP (DESIGN §4), as a real agent speaks it: no database access. */
export class ProtocolClient {
  constructor(
    readonly server: string,
    private secret: string | null = null,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { "user-agent": "ward-simulator/1" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.secret) headers.authorization = `Bearer ${this.secret}`;
    const response = await fetch(`${this.server}/api/device/v1/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: Record<string, unknown> } };
    if (!response.ok) throw new ProtocolError(response.status, json.error?.code ?? "unknown", json.error?.message ?? response.statusText, json.error?.details);
    return json as T;
  }

  async enroll(code: string, device: DeviceFacts, inventory: Inventory) {
    const answer = await this.call<{ deviceId: string; deviceSecret: string; checkInSeconds: number }>("POST", "enroll", { code, facts: device, inventory });
    this.secret = answer.deviceSecret;
    return answer;
  }

  checkIn(inventory: Inventory): Promise<CheckInAnswer> {
    return this.call("POST", "checkin", { inventory });
  }

  reportResult(commandId: string, status: "completed" | "failed", result?: Record<string, unknown>, error?: string): Promise<void> {
    return this.call("POST", `commands/${encodeURIComponent(commandId)}/result`, { status, result, error });
  }

  /** Holds the push channel; calls `onEvent` per server-sent event until `signal` aborts. */
  async listen(onEvent: (event: string, data: string) => void, signal: AbortSignal): Promise<void> {
    const response = await fetch(`${this.server}/api/device/v1/events`, {
      headers: { authorization: `Bearer ${this.secret}`, accept: "text/event-stream" },
      signal,
    });
    if (!response.ok || !response.body) {
      const json = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
      throw new ProtocolError(response.status, json.error?.code ?? "unknown", json.error?.message ?? "event stream refused");
    }
    const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    const reader = events.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        onEvent(value.event ?? "message", value.data);
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  get deviceSecret(): string | null {
    return this.secret;
  }
}
