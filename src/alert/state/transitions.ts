/**
 * What people do to an alert: acknowledge, resolve (with a note, perhaps marked a false alarm),
 * silence (until a time or for good) and unsilence. Each checks the alert's state and either returns
 * the new record or a refusal saying who asked, what state the alert is in and why it was refused,
 * so the API and CLI can show it as is. Pure: time passed in.
 */
import type { AlertOptions } from './options.ts';
import type { TrackedAlert } from './record.ts';

export type TransitionRefusal = {
  ok: false;
  /** `invalid_state`: not allowed from the alert's state; `note_required`: a resolution note is required; `invalid_input`: bad arguments. */
  code: 'invalid_state' | 'note_required' | 'invalid_input';
  /** One English sentence: who, what, the alert's state and how to proceed. */
  error: string;
};
export type TransitionResult = { ok: true; alert: TrackedAlert } | TransitionRefusal;

/** Longest resolution note kept. */
export const MAX_NOTE_LENGTH = 4000;

const iso = (t: number): string => new Date(t).toISOString();

/** The alert's state in words, for refusals ("resolved by bob at 2025-…"). */
export function describeState(a: TrackedAlert): string {
  switch (a.status) {
    case 'new':
      return 'new (not acknowledged)';
    case 'acknowledged':
      return `acknowledged by ${a.acknowledgedBy ?? 'someone'} at ${a.acknowledgedAt === null ? 'an unknown time' : iso(a.acknowledgedAt)}`;
    case 'resolved':
      return `resolved by ${a.resolvedBy ?? 'someone'} at ${a.resolvedAt === null ? 'an unknown time' : iso(a.resolvedAt)}`;
    case 'silenced':
      return a.silencedUntil === null ? 'silenced for good' : `silenced until ${iso(a.silencedUntil)}`;
  }
}

const refuse = (code: TransitionRefusal['code'], error: string): TransitionRefusal => ({ ok: false, code, error });

/** Checks `by` and `now`; a refusal or null. */
function checkInput(action: string, alert: TrackedAlert, by: string, now: number): TransitionRefusal | null {
  if (typeof by !== 'string' || by.trim() === '')
    return refuse('invalid_input', `Cannot ${action} alert ${alert.id}: who is doing it is missing (give a user id)`);
  if (!Number.isSafeInteger(now)) return refuse('invalid_input', `Cannot ${action} alert ${alert.id}: the time must be epoch milliseconds, got ${String(now)}`);
  return null;
}

/**
 * `new → acknowledged`. Sets who and when, starts the acknowledgement timeout (if configured) and
 * the reminders. Refused when already acknowledged, silenced (unsilence first) or resolved.
 */
export function acknowledge(alert: TrackedAlert, by: string, now: number, options: AlertOptions): TransitionResult {
  const bad = checkInput('acknowledge', alert, by, now);
  if (bad !== null) return bad;
  if (alert.status !== 'new') {
    const how = alert.status === 'silenced' ? ': unsilence it first' : alert.status === 'acknowledged' ? ': nothing to do' : '';
    return refuse('invalid_state', `${by} cannot acknowledge alert ${alert.id}: it is ${describeState(alert)}${how}`);
  }
  return {
    ok: true,
    alert: {
      ...alert,
      status: 'acknowledged',
      acknowledgedAt: now,
      acknowledgedBy: by,
      ackExpiresAt: options.ackTimeoutMinutes === null ? null : now + options.ackTimeoutMinutes * 60_000,
      remindedAt: null,
      firstAcknowledgedAt: alert.firstAcknowledgedAt ?? now,
      updatedAt: now,
    },
  };
}

/**
 * `new | acknowledged | silenced → resolved`, with an optional note (required when
 * `requireResolutionNote` is set) and a false-alarm mark. Refused when already resolved.
 */
export function resolve(
  alert: TrackedAlert,
  by: string,
  now: number,
  how: { note?: string | null; falseAlarm?: boolean },
  options: AlertOptions,
): TransitionResult {
  const bad = checkInput('resolve', alert, by, now);
  if (bad !== null) return bad;
  if (alert.status === 'resolved') return refuse('invalid_state', `${by} cannot resolve alert ${alert.id}: it is already ${describeState(alert)}`);
  const note = how.note?.trim() ?? '';
  if (options.requireResolutionNote && note === '')
    return refuse('note_required', `${by} cannot resolve alert ${alert.id} without a note: this workspace requires a resolution note saying what was done`);
  if (note.length > MAX_NOTE_LENGTH)
    return refuse('invalid_input', `${by} cannot resolve alert ${alert.id}: the note is ${note.length} characters long, the limit is ${MAX_NOTE_LENGTH}`);
  return {
    ok: true,
    alert: {
      ...alert,
      status: 'resolved',
      resolvedAt: now,
      resolvedBy: by,
      resolutionNote: note === '' ? null : note,
      falseAlarm: how.falseAlarm === true,
      autoResolved: false,
      ackExpiresAt: null,
      silencedUntil: null,
      silencedFrom: null,
      updatedAt: now,
    },
  };
}

/**
 * `new | acknowledged → silenced`, until `until` (epoch ms, after `now`) or for good (null). A
 * silenced alert pages nobody; its escalation pauses (for good: stops). Silencing a silenced alert
 * changes the end of its silence. Refused when resolved.
 */
export function silence(alert: TrackedAlert, by: string, until: number | null, now: number): TransitionResult {
  const bad = checkInput('silence', alert, by, now);
  if (bad !== null) return bad;
  if (alert.status === 'resolved') return refuse('invalid_state', `${by} cannot silence alert ${alert.id}: it is ${describeState(alert)}`);
  if (until !== null && (!Number.isSafeInteger(until) || until <= now))
    return refuse(
      'invalid_input',
      `${by} cannot silence alert ${alert.id} until ${Number.isSafeInteger(until) ? iso(until) : String(until)}: the end must be a time after now (${iso(now)}), or none to silence for good`,
    );
  const from = alert.status === 'silenced' ? (alert.silencedFrom ?? 'new') : alert.status;
  return { ok: true, alert: { ...alert, status: 'silenced', silencedFrom: from, silencedUntil: until, updatedAt: now } };
}

/** Restores the state a silence interrupted; an acknowledgement that lapsed meanwhile gives `new`. */
export function endSilence(alert: TrackedAlert, now: number): TrackedAlert {
  const lapsed = alert.silencedFrom === 'acknowledged' && alert.ackExpiresAt !== null && alert.ackExpiresAt <= now;
  const back = alert.silencedFrom === 'acknowledged' && !lapsed ? 'acknowledged' : 'new';
  return {
    ...alert,
    status: back,
    silencedUntil: null,
    silencedFrom: null,
    ...(back === 'new' ? { acknowledgedAt: null, acknowledgedBy: null, ackExpiresAt: null, remindedAt: null } : {}),
    updatedAt: now,
  };
}

/** `silenced → ` the state before the silence (see endSilence). Refused when not silenced. */
export function unsilence(alert: TrackedAlert, by: string, now: number): TransitionResult {
  const bad = checkInput('unsilence', alert, by, now);
  if (bad !== null) return bad;
  if (alert.status !== 'silenced') return refuse('invalid_state', `${by} cannot unsilence alert ${alert.id}: it is ${describeState(alert)}, not silenced`);
  return { ok: true, alert: endSilence(alert, now) };
}
