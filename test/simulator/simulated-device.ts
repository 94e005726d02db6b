import { ProtocolClient, ProtocolError, type CheckInAnswer, type DeliveredCommand, type DeviceFacts, type Inventory } from "./protocol-client";

export type DeviceLog = (line: string) => void;
/** `reported`: results the server has accepted (a command is finished there only then). */
export type DeviceStats = { checkIns: number; commands: number; reported: number; commandLatenciesMs: number[]; errors: number };

/**
 * One simulated device: enrolls, holds the push channel, checks in on its interval and at once
 * when told, and obeys each command the way a real agent would.
 */
export class SimulatedDevice {
  readonly client: ProtocolClient;
  readonly stats: DeviceStats = { checkIns: 0, commands: 0, reported: 0, commandLatenciesMs: [], errors: 0 };
  readonly received: DeliveredCommand[] = [];
  state = { locked: false, lostMessage: null as string | null, passcode: "set" as string | null, name: "", gone: false };
  deviceId: string | null = null;
  private abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private checkingIn: Promise<void> | null = null;
  private again = false;
  private signalledAt: number | null = null;

  constructor(
    server: string,
    readonly facts: DeviceFacts,
    readonly inventory: Inventory,
    private log: DeviceLog = () => {},
    secret: string | null = null,
  ) {
    this.client = new ProtocolClient(server, secret);
  }

  async enroll(code: string): Promise<void> {
    const answer = await this.client.enroll(code, this.facts, this.inventory);
    this.deviceId = answer.deviceId;
    this.log(`enrolled device=${answer.deviceId} checkIn=${answer.checkInSeconds}s`);
  }

  /** Holds the push channel and checks in every `intervalSeconds` until stopped or retired. */
  async run(intervalSeconds: number): Promise<void> {
    await this.checkIn();
    this.timer = setInterval(() => void this.checkIn(), intervalSeconds * 1000);
    const listening = this.client
      .listen((event) => {
        if (event === "checkin") {
          this.signalledAt = performance.now();
          this.log("push: check in now");
          void this.checkIn();
        }
      }, this.abort.signal)
      .catch((error: unknown) => {
        if (!this.abort.signal.aborted) {
          this.stats.errors++;
          this.log(`push channel closed: ${error instanceof Error ? error.message : error}`);
        }
      });
    void listening;
  }

  /** One check-in at a time; a request during one runs another right after. */
  checkIn(): Promise<void> {
    if (this.checkingIn) {
      this.again = true;
      return this.checkingIn;
    }
    this.checkingIn = (async () => {
      do {
        this.again = false;
        await this.checkInOnce();
      } while (this.again && !this.state.gone);
    })().finally(() => (this.checkingIn = null));
    return this.checkingIn;
  }

  private async checkInOnce(): Promise<void> {
    if (this.state.gone) return;
    let answer: CheckInAnswer;
    try {
      answer = await this.client.checkIn(this.inventory);
    } catch (error) {
      this.stats.errors++;
      this.log(`check-in failed: ${error instanceof ProtocolError ? error.message : String(error)}`);
      if (error instanceof ProtocolError && (error.status === 401 || error.status === 403)) this.stop();
      return;
    }
    this.stats.checkIns++;
    for (const command of answer.commands) {
      if (this.signalledAt !== null) this.stats.commandLatenciesMs.push(performance.now() - this.signalledAt);
      await this.obey(command);
    }
    this.signalledAt = null;
  }

  private async obey(command: DeliveredCommand): Promise<void> {
    this.stats.commands++;
    this.received.push(command);
    const payload = command.payload ?? {};
    let result: Record<string, unknown> = {};
    switch (command.kind) {
      case "lock":
        this.state.locked = true;
        this.state.lostMessage = typeof payload.message === "string" ? payload.message : null;
        this.log(`locked${this.state.lostMessage ? `: "${this.state.lostMessage}"` : ""}`);
        break;
      case "lost_mode_off":
        this.state.locked = false;
        this.state.lostMessage = null;
        this.log("lost mode off");
        break;
      case "reset_passcode":
        this.state.passcode = typeof payload.passcode === "string" ? payload.passcode : null;
        this.inventory.passcodeSet = this.state.passcode !== null;
        this.log(this.state.passcode ? "passcode reset to a temporary one" : "passcode cleared");
        break;
      case "rename":
        this.state.name = String(payload.name ?? "");
        this.log(`renamed to "${this.state.name}"`);
        break;
      case "sync":
        result = { syncedAt: new Date().toISOString() };
        this.log("synced");
        break;
      case "retire":
      case "wipe":
        this.log(command.kind === "wipe" ? "wiping: forgetting everything" : "retiring: removing company data");
        break;
      default:
        await this.client.reportResult(command.id, "failed", undefined, `unsupported command ${command.kind}`);
        return;
    }
    await this.client.reportResult(command.id, "completed", result);
    this.stats.reported++;
    if (command.kind === "retire" || command.kind === "wipe") this.stop();
  }

  stop(): void {
    this.state.gone = true;
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
  }
}
