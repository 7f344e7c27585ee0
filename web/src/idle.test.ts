import { describe, expect, it } from 'vitest';
import {
  IDLE_TIMEOUT_MS,
  IDLE_WARNING_MS,
  IdleMonitor,
  SESSION_CHECK_MS,
  type CheckResult,
  type Clock,
  type EndReason,
} from './idle';

const MIN = 60_000;

/** A clock whose time moves only when the test says so; due timers fire in order. */
class FakeClock implements Clock {
  private t = 1_700_000_000_000 + Math.floor(Math.random() * 1e9);
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Move time forward by `ms`, firing due timers at their own times (and settling promises). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (let fired = 0; ; fired++) {
      if (fired > 10_000) throw new Error('timers keep firing without time passing');
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (next === undefined || entry[1].at < next[1].at)) next = entry;
      }
      if (next === undefined) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
  /** Time passes with no timer firing (a computer asleep). */
  jump(ms: number): void {
    this.t += ms;
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function rig(answer: () => CheckResult | Promise<CheckResult> = () => 'ok') {
  const clock = new FakeClock();
  const events: string[] = [];
  const ends: EndReason[] = [];
  let checks = 0;
  const active: boolean[] = [];
  const monitor = new IdleMonitor({
    clock,
    check: async (wasActive) => {
      checks++;
      active.push(wasActive);
      return answer();
    },
    onWarning: (at) => {
      events.push(`warn:${String(at - clock.now())}`);
    },
    onWarningCleared: () => {
      events.push('cleared');
    },
    onEnd: (reason) => {
      ends.push(reason);
      events.push(`end:${reason}`);
    },
  });
  return { clock, monitor, events, ends, active, checks: () => checks };
}

describe('IdleMonitor', () => {
  it('tells the server a check is activity only when someone was active since the last one', async () => {
    const { clock, monitor, active } = rig();
    monitor.start();
    await clock.advance(SESSION_CHECK_MS);
    await settle();
    await clock.advance(SESSION_CHECK_MS);
    await settle();
    monitor.activity();
    await clock.advance(SESSION_CHECK_MS);
    await settle();
    await clock.advance(SESSION_CHECK_MS);
    await settle();
    // The first check reports the start; then idle, active, idle.
    expect(active.slice(-3)).toEqual([false, true, false]);
  });

  it('warns 2 minutes before and ends the session after 30 minutes without activity', async () => {
    const { clock, monitor, events, ends } = rig();
    monitor.start();
    await clock.advance(IDLE_TIMEOUT_MS - IDLE_WARNING_MS - 1);
    expect(events).toEqual([]);
    await clock.advance(1);
    expect(events).toEqual([`warn:${String(IDLE_WARNING_MS)}`]);
    expect(monitor.isWarning).toBe(true);
    await clock.advance(IDLE_WARNING_MS - 1);
    expect(ends).toEqual([]);
    await clock.advance(1);
    expect(ends).toEqual(['idle']);
    expect(monitor.isRunning).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('activity pushes the timeout back', async () => {
    const { clock, monitor, ends, events } = rig();
    monitor.start();
    await clock.advance(20 * MIN);
    monitor.activity();
    await clock.advance(27 * MIN);
    monitor.activity();
    await clock.advance(27 * MIN);
    expect(events).toEqual([]);
    await clock.advance(3 * MIN);
    expect(ends).toEqual(['idle']);
  });

  it('ordinary activity does not dismiss the warning; "Stay signed in" does, and asks the server', async () => {
    const unanswered = rig();
    unanswered.monitor.start();
    await unanswered.clock.advance(29 * MIN);
    unanswered.monitor.activity();
    await unanswered.clock.advance(MIN);
    expect(unanswered.ends).toEqual(['idle']);

    const { clock, monitor, events, ends, checks } = rig();
    monitor.start();
    await clock.advance(28 * MIN + 30_000);
    expect(monitor.isWarning).toBe(true);
    monitor.activity(); // a mouse move over the page behind the warning
    expect(monitor.isWarning).toBe(true);
    await clock.advance(30_000);
    expect(ends).toEqual([]);
    const before = checks();
    monitor.stay();
    await settle();
    expect(events).toEqual([`warn:${String(IDLE_WARNING_MS)}`, 'cleared']);
    expect(checks()).toBe(before + 1);
    await clock.advance(28 * MIN - 1);
    expect(ends).toEqual([]);
    expect(monitor.isWarning).toBe(false);
    await clock.advance(2 * MIN + 1);
    expect(ends).toEqual(['idle']);
  });

  it('asks the server every minute and ends the session when it answers 401', async () => {
    let answer: CheckResult = 'ok';
    const { clock, monitor, ends, checks } = rig(() => answer);
    monitor.start();
    await clock.advance(SESSION_CHECK_MS - 1);
    expect(checks()).toBe(0);
    await clock.advance(1);
    expect(checks()).toBe(1);
    await clock.advance(4 * SESSION_CHECK_MS);
    expect(checks()).toBe(5);
    answer = 'unknown'; // server unreachable: keep going, the local clock still rules
    await clock.advance(SESSION_CHECK_MS);
    expect(ends).toEqual([]);
    answer = 'ended';
    await clock.advance(SESSION_CHECK_MS);
    expect(ends).toEqual(['ended']);
    expect(clock.pending).toBe(0);
  });

  it('a failing check counts as no answer', async () => {
    const { clock, monitor, ends, checks } = rig(() => Promise.reject(new Error('offline')));
    monitor.start();
    await clock.advance(3 * SESSION_CHECK_MS);
    expect(checks()).toBe(3);
    expect(ends).toEqual([]);
  });

  it('checks when the tab becomes visible again', async () => {
    const { clock, monitor, ends, checks } = rig(() => 'ended');
    monitor.start();
    await clock.advance(10_000);
    monitor.visible();
    await settle();
    expect(checks()).toBe(1);
    expect(ends).toEqual(['ended']);
  });

  it('a computer that slept through the 30 minutes signs out when it wakes, before any check', async () => {
    const { clock, monitor, ends, checks } = rig();
    monitor.start();
    await clock.advance(5 * MIN);
    const asked = checks();
    clock.jump(40 * MIN); // no timers ran meanwhile
    monitor.visible();
    await settle();
    expect(ends).toEqual(['idle']);
    expect(checks()).toBe(asked);
  });

  it('a late timer after sleep also signs out at once (wall clock, not timer count)', async () => {
    const { clock, monitor, ends } = rig();
    monitor.start();
    clock.jump(31 * MIN);
    await clock.advance(0);
    expect(ends).toEqual(['idle']);
  });

  it('activity in another tab counts, also while the warning shows, but not after the timeout', async () => {
    const { clock, monitor, events, ends } = rig();
    monitor.start();
    await clock.advance(29 * MIN);
    expect(monitor.isWarning).toBe(true);
    monitor.remoteActivity(clock.now() - 1000);
    expect(events.at(-1)).toBe('cleared');
    await clock.advance(28 * MIN);
    expect(ends).toEqual([]);
    clock.jump(3 * MIN);
    monitor.remoteActivity(clock.now());
    expect(ends).toEqual(['idle']);
  });

  it('an answer that arrives after stop() is ignored, and stop() leaves no timers', async () => {
    let release: (r: CheckResult) => void = () => undefined;
    const { clock, monitor, ends } = rig(
      () =>
        new Promise<CheckResult>((r) => {
          release = r;
        }),
    );
    monitor.start();
    await clock.advance(SESSION_CHECK_MS);
    monitor.stop();
    release('ended');
    await settle();
    expect(ends).toEqual([]);
    expect(clock.pending).toBe(0);
    monitor.activity();
    monitor.stay();
    monitor.visible();
    await clock.advance(IDLE_TIMEOUT_MS * 2);
    expect(ends).toEqual([]);
  });

  it('does not pile up checks while one is unanswered', async () => {
    const { clock, monitor, checks } = rig(() => new Promise<CheckResult>(() => undefined));
    monitor.start();
    await clock.advance(5 * SESSION_CHECK_MS);
    monitor.visible();
    expect(checks()).toBe(1);
  });

  it('start() again (a new sign-in) begins a fresh 30 minutes', async () => {
    const { clock, monitor, ends } = rig();
    monitor.start();
    await clock.advance(29 * MIN);
    monitor.start();
    expect(monitor.isWarning).toBe(false);
    await clock.advance(29 * MIN);
    expect(ends).toEqual([]);
    await clock.advance(MIN);
    expect(ends).toEqual(['idle']);
  });
});
