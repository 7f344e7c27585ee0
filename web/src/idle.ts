/**
 * Idle sign-out, the timing only (no DOM, an injected clock, so it is tested with a fake one).
 *
 * The server ends a session after 30 minutes without a request, but a screen full of client
 * records would stay up until the next request. So the app keeps its own clock of the person's
 * activity (mouse, keys, touch — reported by the caller): 2 minutes before the 30 are up it warns
 * (`onWarning`), at 30 it ends the session (`onEnd('idle')`). While the warning shows, ordinary
 * activity does not count: only `stay()` (the warning's button) does, and it also asks the server,
 * which touches the server session. Every minute, and when the tab becomes visible again, it asks
 * the server whether the session is still alive (`check`), so a session that ended elsewhere
 * (signed out in another tab, the 12-hour limit, an administrator disabling the account) is
 * noticed: `onEnd('ended')`.
 *
 * Time is the wall clock, compared on every wake-up, so a computer that slept through the 30
 * minutes signs out the moment it wakes (timers do not run during sleep, the clock does).
 */

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const IDLE_WARNING_MS = 2 * 60_000;
export const SESSION_CHECK_MS = 60_000;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  },
};

/** What the server said about the session: alive, ended (401), or no answer (network, 5xx). */
export type CheckResult = 'ok' | 'ended' | 'unknown';

/** `idle`: 30 minutes without activity here. `ended`: the server no longer knows the session. */
export type EndReason = 'idle' | 'ended';

export interface IdleMonitorOptions {
  clock: Clock;
  /**
   * Ask the server whether the session is alive. `active`: someone was active here since the last
   * check, so the server should count the check as activity (touch its session); otherwise the
   * check must not keep an unattended session alive.
   */
  check: (active: boolean) => Promise<CheckResult>;
  /** The warning is due; `signOutAt` is when the session will end (clock time, ms). */
  onWarning: (signOutAt: number) => void;
  /** The warning is no longer due (stayed signed in here or in another tab). */
  onWarningCleared: () => void;
  /** Called once; the monitor is stopped by then. */
  onEnd: (reason: EndReason) => void;
  timeoutMs?: number;
  warningMs?: number;
  checkEveryMs?: number;
}

export class IdleMonitor {
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly warningMs: number;
  private readonly checkEveryMs: number;
  /** The activity time the last check reported to the server. */
  private reportedActivity = Number.NEGATIVE_INFINITY;
  private running = false;
  private warned = false;
  private lastActivity = 0;
  private lastCheck = 0;
  private checking = false;
  /** Bumped on start and stop: a check answered after either is ignored. */
  private generation = 0;
  private timer: unknown = undefined;

  constructor(private readonly opts: IdleMonitorOptions) {
    this.clock = opts.clock;
    this.timeoutMs = opts.timeoutMs ?? IDLE_TIMEOUT_MS;
    this.warningMs = opts.warningMs ?? IDLE_WARNING_MS;
    this.checkEveryMs = opts.checkEveryMs ?? SESSION_CHECK_MS;
  }

  /** Signed in: the clock starts now (signing in is activity). */
  start(): void {
    this.stop();
    const now = this.clock.now();
    this.running = true;
    this.warned = false;
    this.lastActivity = now;
    this.lastCheck = now;
    this.generation++;
    this.schedule(now);
  }

  /** Signed out by other means: no more timers, checks or callbacks. */
  stop(): void {
    this.running = false;
    this.warned = false;
    this.generation++;
    this.clearTimer();
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isWarning(): boolean {
    return this.warned;
  }

  /** The last activity counted (clock time, ms). */
  get lastActivityAt(): number {
    return this.lastActivity;
  }

  /** How long nobody has been active (ms). */
  idleFor(): number {
    return this.clock.now() - this.lastActivity;
  }

  /** Activity in this tab. Ignored while the warning shows (only `stay()` answers it). */
  activity(): void {
    if (!this.running || this.warned) return;
    this.lastActivity = Math.max(this.lastActivity, this.clock.now());
  }

  /**
   * Activity in another tab of the same session, at clock time `at`: it counts even while the
   * warning shows (the person is there, working in the other tab).
   */
  remoteActivity(at: number): void {
    if (!this.running) return;
    const now = this.clock.now();
    if (now - this.lastActivity >= this.timeoutMs) {
      // too late: this tab's 30 minutes were up already (the wake-up just had not come yet)
      this.wake();
      return;
    }
    this.lastActivity = Math.max(this.lastActivity, Math.min(at, now));
    this.wake();
  }

  /** "Stay signed in": counts as activity and asks the server (which touches its session). */
  stay(): void {
    if (!this.running) return;
    if (this.clock.now() - this.lastActivity >= this.timeoutMs) {
      this.wake();
      return;
    }
    this.lastActivity = this.clock.now();
    this.wake();
    this.runCheck();
  }

  /** The tab became visible again (or the computer woke): look at the clock and ask the server. */
  visible(): void {
    if (!this.running) return;
    this.wake();
    if (!this.stopped()) this.runCheck();
  }

  /** Recompute the phase now (a wake-up). */
  private wake(): void {
    if (!this.running) return;
    const now = this.clock.now();
    const idle = now - this.lastActivity;
    if (idle >= this.timeoutMs) {
      this.end('idle');
      return;
    }
    const warn = idle >= this.timeoutMs - this.warningMs;
    if (warn && !this.warned) {
      this.warned = true;
      this.opts.onWarning(this.lastActivity + this.timeoutMs);
    } else if (!warn && this.warned) {
      this.warned = false;
      this.opts.onWarningCleared();
    }
    if (this.stopped()) return; // a callback stopped the monitor
    if (now - this.lastCheck >= this.checkEveryMs) this.runCheck();
    this.schedule(now);
  }

  /** Not narrowed by the compiler like the field: callbacks may stop the monitor. */
  private stopped(): boolean {
    return !this.running;
  }

  private schedule(now: number): void {
    this.clearTimer();
    const warnAt = this.lastActivity + this.timeoutMs - this.warningMs;
    const endAt = this.lastActivity + this.timeoutMs;
    const checkAt = this.lastCheck + this.checkEveryMs;
    const next = Math.min(this.warned ? endAt : warnAt, endAt, checkAt);
    const gen = this.generation;
    this.timer = this.clock.setTimeout(
      () => {
        if (gen === this.generation) this.wake();
      },
      Math.max(0, next - now),
    );
  }

  private runCheck(): void {
    this.lastCheck = this.clock.now();
    if (this.checking) return;
    this.checking = true;
    const active = this.lastActivity > this.reportedActivity;
    this.reportedActivity = this.lastActivity;
    const gen = this.generation;
    const settle = (result: CheckResult) => {
      this.checking = false;
      if (gen !== this.generation || !this.running) return;
      if (result === 'ended') this.end('ended');
    };
    let answer: Promise<CheckResult>;
    try {
      answer = this.opts.check(active);
    } catch {
      answer = Promise.resolve('unknown');
    }
    answer.then(settle, () => {
      settle('unknown');
    });
  }

  private end(reason: EndReason): void {
    this.stop();
    this.opts.onEnd(reason);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
