import type { DeviceSignalHub } from "../realtime/device-signals";

/** How often an idle stream sends a comment, so proxies keep it open and dead peers are noticed. */
export const HEARTBEAT_MS = 20_000;

/**
 * The push channel (DESIGN §4 `GET events`): `event: hello` at once, `event: checkin` whenever the
 * device is signalled (a command was queued), and a heartbeat comment between. It ends when the
 * device disconnects.
 */
export function deviceEventStream(hub: DeviceSignalHub, deviceId: string, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      let sequence = 0;
      send(`retry: 5000\nevent: hello\ndata: ${JSON.stringify({ deviceId })}\n\n`);
      const unsubscribe = hub.subscribe(deviceId, () => send(`id: ${++sequence}\nevent: checkin\ndata: {}\n\n`));
      const heartbeat = setInterval(() => send(`: heartbeat ${Date.now()}\n\n`), heartbeatMs);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
