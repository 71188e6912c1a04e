/**
 * A Mastodon source holds several connections (one WebSocket per instance, or one SSE connection
 * per stream); its state is theirs combined: `failed` when every one has failed, otherwise the
 * least healthy of the others (rate-limited, then backing-off, then connecting, then connected),
 * with the earliest next attempt among those in that state.
 */
import type { ConnectionState } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';

const WORST_FIRST: readonly ConnectionState[] = ['rate-limited', 'backing-off', 'connecting', 'connected', 'idle', 'stopped'];

export interface ChannelState {
  set(state: ConnectionState, nextAttemptAt?: number | null): void;
}

export class ChannelStates {
  readonly #tracker: StatusTracker;
  readonly #states: Array<{ state: ConnectionState; next: number | null }> = [];

  constructor(tracker: StatusTracker) {
    this.#tracker = tracker;
  }

  add(): ChannelState {
    const s: { state: ConnectionState; next: number | null } = { state: 'idle', next: null };
    this.#states.push(s);
    return {
      set: (state, nextAttemptAt = null) => {
        s.state = state;
        s.next = nextAttemptAt;
        this.#publish();
      },
    };
  }

  #publish(): void {
    const live = this.#states.filter((s) => s.state !== 'failed');
    if (live.length === 0) {
      if (this.#states.length > 0) this.#tracker.state('failed');
      return;
    }
    for (const state of WORST_FIRST) {
      const inState = live.filter((s) => s.state === state);
      if (inState.length === 0) continue;
      const nexts = inState.map((s) => s.next).filter((n): n is number => n !== null);
      this.#tracker.state(state, nexts.length === 0 ? null : Math.min(...nexts));
      return;
    }
  }
}
