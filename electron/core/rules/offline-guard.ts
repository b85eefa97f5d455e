// The machine's own network is not an outage. The engine asks the guard, result by result,
// whether a failure is real or only "we are offline" (then the monitor is unknown, not down).
import { NO_ANSWER_KINDS, type CheckResult } from '../../shared/types.ts';

export interface OfflineGuardOptions {
  /** Resolves true when the reference target answered (connected or refused). */
  referenceProbe: () => Promise<boolean>;
  now: () => number;
  /** An answer from another monitor this recent proves the network is up. Default 30 s. */
  windowMs?: number;
  /** How long a reference probe's verdict is reused. Default 5 s. */
  probeCacheMs?: number;
}

export type Assessment = 'real' | 'offline';
export type OfflineListener = (offline: boolean, at: number) => void;

/** No monitor id: an answer the engine noted without saying whose, counts as "another" for everyone. */
const ANONYMOUS = '';

export class OfflineGuard {
  private probe: () => Promise<boolean>;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly probeCacheMs: number;
  private readonly listeners = new Set<OfflineListener>();
  /** Last answer per monitor, so a monitor's own earlier answers never excuse its failure. */
  private readonly lastAnswerAt = new Map<string, number>();
  /** Bumped on every answer: a probe that started before an answer must not declare us offline. */
  private answerCount = 0;
  private systemOffline = false;
  private probedOffline = false;
  private probeInFlight: Promise<boolean> | undefined;
  private cachedVerdict: { answered: boolean; at: number } | undefined;

  constructor(opts: OfflineGuardOptions) {
    if (typeof opts.referenceProbe !== 'function') throw new Error('OfflineGuard: referenceProbe must be a function');
    if (typeof opts.now !== 'function') throw new Error('OfflineGuard: now must be a function');
    this.probe = opts.referenceProbe;
    this.now = opts.now;
    this.windowMs = positive('windowMs', opts.windowMs ?? 30_000);
    this.probeCacheMs = positive('probeCacheMs', opts.probeCacheMs ?? 5_000);
  }

  /** referenceTarget changed in the settings: the next assessment asks the new target. */
  setReferenceProbe(probe: () => Promise<boolean>): void {
    this.probe = probe;
    this.cachedVerdict = undefined;
  }

  isOffline(): boolean {
    return this.systemOffline || this.probedOffline;
  }

  onChange(listener: OfflineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** From the OS. Its "offline" is trusted at once; its "online" only clears the verdicts, checks decide. */
  setSystemOnline(online: boolean, at: number): void {
    this.transition(at, () => {
      this.systemOffline = !online;
      if (online) {
        this.probedOffline = false;
        this.cachedVerdict = undefined;
      }
    });
  }

  /** Some server answered (even with a refusal): the network is up. */
  noteAnswer(at: number, monitorId: string = ANONYMOUS): void {
    this.answerCount++;
    this.lastAnswerAt.set(monitorId, Math.max(at, this.lastAnswerAt.get(monitorId) ?? at));
    this.cachedVerdict = undefined;
    this.transition(at, () => {
      this.probedOffline = false;
    });
  }

  async assess(result: CheckResult): Promise<Assessment> {
    if (gotAnswer(result)) {
      this.noteAnswer(result.at, result.monitorId);
      return 'real';
    }
    if (!isNetworkLevel(result)) return 'real';
    if (this.systemOffline) return 'offline';
    // One monitor failing on its own is never put down to the network.
    if (this.otherAnswerWithin(result)) return 'real';

    const answersBefore = this.answerCount;
    const answered = await this.referenceAnswered();
    if (answered || this.answerCount !== answersBefore) {
      this.transition(this.now(), () => {
        this.probedOffline = false;
      });
      return 'real';
    }
    this.transition(this.now(), () => {
      this.probedOffline = true;
    });
    return 'offline';
  }

  private otherAnswerWithin(result: CheckResult): boolean {
    for (const [monitorId, at] of this.lastAnswerAt) {
      if (monitorId !== result.monitorId && result.at - at <= this.windowMs) return true;
    }
    return false;
  }

  /** At most one probe in flight; its verdict is reused briefly so a burst of failures costs one probe. */
  private referenceAnswered(): Promise<boolean> {
    const cached = this.cachedVerdict;
    if (cached && this.now() - cached.at < this.probeCacheMs) return Promise.resolve(cached.answered);
    if (this.probeInFlight) return this.probeInFlight;
    const inFlight = this.runProbe().then((answered) => {
      this.cachedVerdict = { answered, at: this.now() };
      return answered;
    });
    this.probeInFlight = inFlight.finally(() => {
      this.probeInFlight = undefined;
    });
    return this.probeInFlight;
  }

  private async runProbe(): Promise<boolean> {
    try {
      return (await this.probe()) === true;
    } catch {
      // A broken probe is no evidence of being offline; never hide a real outage behind it.
      return true;
    }
  }

  private transition(at: number, change: () => void): void {
    const before = this.isOffline();
    change();
    const after = this.isOffline();
    if (before === after) return;
    for (const listener of [...this.listeners]) listener(after, at);
  }
}

/** An answer from some server: a good result, or a failure kind only a reachable server can produce. */
function gotAnswer(result: CheckResult): boolean {
  if (result.status !== 'down') return true;
  return result.failureKind !== undefined && !NO_ANSWER_KINDS.includes(result.failureKind);
}

function isNetworkLevel(result: CheckResult): boolean {
  return result.failureKind !== undefined && NO_ANSWER_KINDS.includes(result.failureKind);
}

function positive(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`OfflineGuard: ${field} must be a number > 0, got ${String(value)}`);
  }
  return value;
}
