/**
 * The alert routes: list and read alerts, act on them (acknowledge, resolve, silence — through the
 * escalation engine, so the escalation stops at once), the one-click acknowledgement link of pages
 * (`GET /api/ack/:token` shows the alert and a button, `POST` acknowledges; small HTML pages in the user's language), the dead-letter list with
 * requeue, and alert-quality figures. Reading works without alerting enabled; acting needs the engine.
 */
import type { Context, Hono } from 'hono';
import { verifyAckLink } from '../../alert/ack-link.ts';
import type { MessageLang } from '../../alert/message.ts';
import { alertQuality } from '../../alert/state/quality.ts';
import type { Alert } from '../../alert/alert.ts';
import type { TransitionResult } from '../../alert/state/transitions.ts';
import type { AlertQuery } from '../../store/alerting-types.ts';
import { timed, type ApiAlerting, type ResolvedDeps } from '../deps.ts';
import { ApiError, fromZodError } from '../errors.ts';
import { presentAlert, presentDelivery, presentEscalation } from '../presenters/alert.ts';
import { isoTime } from '../presenters/time.ts';
import { NoQuerySchema } from '../schemas/brands.ts';
import {
  AckBodySchema, AlertParamsSchema, AlertsQuerySchema, DeadLettersQuerySchema, QualityQuerySchema, ResolveBodySchema, SilenceBodySchema, TokenParamsSchema,
} from '../schemas/alerts.ts';
import { validParams, validQuery } from '../validate.ts';

/** Who acts when the body does not say. */
export const DEFAULT_ACTOR = 'api';
const MAX_BODY_BYTES = 16_384;
/** Quality figures read at most this many alerts. */
const MAX_QUALITY_ALERTS = 50_000;
const DAY = 86_400_000;

function engineOf(deps: ResolvedDeps): ApiAlerting {
  if (deps.alerting === undefined)
    throw new ApiError('unavailable', 'alerting is not enabled on this server: set alerting.enabled (docs/alerting.md) to acknowledge, resolve or silence alerts');
  return deps.alerting;
}

async function body(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError('bad_request', `invalid body: larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ApiError('bad_request', `invalid body: not JSON (${why})`, [{ parameter: null, in: 'body', message: `not JSON: ${why}` }]);
  }
}

/** A refused transition as an API error: unknown alert 404, wrong state 409, bad input 400. */
function answer(c: Context, r: TransitionResult | { ok: false; code: 'not_found'; error: string }): Response {
  if (r.ok) return c.json(presentAlert(r.alert));
  const code = r.code === 'not_found' ? 'not_found' : r.code === 'invalid_state' ? 'conflict' : 'bad_request';
  throw new ApiError(code, r.error, { reason: r.code });
}

export function registerAlertRoutes(app: Hono, deps: ResolvedDeps): void {
  const ws = deps.workspaceId;

  app.get('/api/alerts', async (c) => {
    const q = validQuery(c, AlertsQuerySchema);
    const query: AlertQuery = { limit: q.limit };
    if (q.status !== undefined) query.status = q.status;
    if (q.brand !== undefined) query.brandId = q.brand;
    if (q.since !== undefined) query.since = q.since;
    if (q.cursor !== undefined) query.cursor = q.cursor;
    const page = await timed(deps, 'listAlerts', () => deps.store.listAlerts(ws, query));
    return c.json({ alerts: page.items.map(presentAlert), nextCursor: page.nextCursor });
  });

  app.get('/api/alerts/quality', async (c) => {
    const q = validQuery(c, QualityQuerySchema);
    const to = q.to ?? deps.clock.now();
    const from = q.from ?? to - 30 * DAY;
    if (to <= from) throw new ApiError('bad_request', `invalid query parameters: from (${isoTime(from)}) must be before to (${isoTime(to)})`, [{ parameter: 'from', in: 'query', message: 'must be before to' }]);
    const alerts: Alert[] = [];
    let cursor: string | undefined;
    do {
      const page = await timed(deps, 'listAlerts', () => deps.store.listAlerts(ws, { since: from, limit: 500, ...(cursor === undefined ? {} : { cursor }) }));
      alerts.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && alerts.length < MAX_QUALITY_ALERTS);
    return c.json({ from: isoTime(from), to: isoTime(to), ...alertQuality(alerts, { from, to }), truncated: cursor !== undefined });
  });

  app.get('/api/alerts/:id', async (c) => {
    const { id } = validParams(c, AlertParamsSchema);
    validQuery(c, NoQuerySchema);
    const alert = await timed(deps, 'getAlert', () => deps.store.getAlert(ws, id));
    if (alert === null) throw new ApiError('not_found', `no alert "${id}" in workspace "${ws}"`, { parameter: 'id', value: id });
    const escalation = await timed(deps, 'getEscalation', () => deps.store.getEscalation(ws, id));
    return c.json({ ...presentAlert(alert), escalation: presentEscalation(escalation) });
  });

  app.post('/api/alerts/:id/ack', async (c) => {
    const { id } = validParams(c, AlertParamsSchema);
    const b = AckBodySchema.safeParse(await body(c));
    if (!b.success) throw fromZodError(b.error, 'body');
    return answer(c, await engineOf(deps).engine.acknowledge(id, b.data.by ?? DEFAULT_ACTOR));
  });

  app.post('/api/alerts/:id/resolve', async (c) => {
    const { id } = validParams(c, AlertParamsSchema);
    const b = ResolveBodySchema.safeParse(await body(c));
    if (!b.success) throw fromZodError(b.error, 'body');
    const how: { note?: string | null; falseAlarm?: boolean } = {};
    if (b.data.note !== undefined) how.note = b.data.note;
    if (b.data.falseAlarm !== undefined) how.falseAlarm = b.data.falseAlarm;
    return answer(c, await engineOf(deps).engine.resolve(id, b.data.by ?? DEFAULT_ACTOR, how));
  });

  app.post('/api/alerts/:id/silence', async (c) => {
    const { id } = validParams(c, AlertParamsSchema);
    const b = SilenceBodySchema.safeParse(await body(c));
    if (!b.success) throw fromZodError(b.error, 'body');
    const until = b.data.until;
    if (until !== null && until <= deps.clock.now())
      throw new ApiError('bad_request', `invalid body parameters: until: ${isoTime(until)} is not in the future (use null to silence for good)`, [{ parameter: 'until', in: 'body', message: 'must be in the future' }]);
    return answer(c, await engineOf(deps).engine.silence(id, b.data.by ?? DEFAULT_ACTOR, until));
  });

  // The one-click link: GET shows the alert and a button, POST acknowledges. A GET never changes
  // anything, so the link scanners of mail gateways (which open every link of a message) cannot
  // acknowledge an alert in the user's place.
  const checkLink = (c: Context): { alerting: ApiAlerting; alertId: string; user: string; lang: MessageLang } | Response => {
    const { token } = validParams(c, TokenParamsSchema);
    const alerting = engineOf(deps);
    const v = verifyAckLink(alerting.ackSecret, token, deps.clock.now());
    if (!v.ok) return c.html(ackPage('en', v.reason === 'expired' ? 'expired' : 'invalid', v.detail), v.reason === 'expired' ? 410 : 400);
    return { alerting, alertId: v.claims.alertId, user: v.claims.user, lang: alerting.langOf?.(v.claims.user) ?? 'en' };
  };

  app.get('/api/ack/:token', async (c) => {
    const link = checkLink(c);
    if (link instanceof Response) return link;
    const alert = await timed(deps, 'getAlert', () => deps.store.getAlert(ws, link.alertId));
    if (alert === null) return c.html(ackPage(link.lang, 'gone', `alert ${link.alertId} does not exist in workspace ${ws}`), 404);
    if (alert.status !== 'new') return c.html(ackPage(link.lang, 'refused', stateLine(link.lang, alert)), 409);
    return c.html(ackPage(link.lang, 'confirm', alert.title), 200);
  });

  app.post('/api/ack/:token', async (c) => {
    const link = checkLink(c);
    if (link instanceof Response) return link;
    const r = await link.alerting.engine.acknowledge(link.alertId, link.user);
    if (r.ok) return c.html(ackPage(link.lang, 'done', r.alert.title), 200);
    if (r.code === 'not_found') return c.html(ackPage(link.lang, 'gone', r.error), 404);
    return c.html(ackPage(link.lang, 'refused', r.error), 409);
  });

  app.get('/api/dead-letters', async (c) => {
    const q = validQuery(c, DeadLettersQuerySchema);
    const page = await timed(deps, 'listDeadDeliveries', () => deps.store.listDeadDeliveries(ws, { limit: q.limit, ...(q.cursor === undefined ? {} : { cursor: q.cursor }) }));
    return c.json({ deliveries: page.items.map(presentDelivery), nextCursor: page.nextCursor });
  });

  app.post('/api/dead-letters/:id/requeue', async (c) => {
    const { id } = validParams(c, AlertParamsSchema);
    validQuery(c, NoQuerySchema);
    const d = await timed(deps, 'getDelivery', () => deps.store.getDelivery(ws, id));
    if (d === null) throw new ApiError('not_found', `no delivery "${id}" in workspace "${ws}"`, { parameter: 'id', value: id });
    if (d.status !== 'dead') throw new ApiError('conflict', `delivery "${id}" is ${d.status}, not in the dead-letter list: only dead deliveries can be requeued`, { status: d.status });
    const ok = await timed(deps, 'requeueDelivery', () => deps.store.requeueDelivery(ws, id, deps.clock.now()));
    if (!ok) throw new ApiError('conflict', `delivery "${id}" left the dead-letter list meanwhile`);
    const after = await deps.store.getDelivery(ws, id);
    return c.json(after === null ? { id } : presentDelivery(after));
  });
}

const TEXT = {
  en: {
    confirm: ['Acknowledge this alert?', 'Acknowledging stops its escalation: nobody else will be paged for it.'],
    done: ['Alert acknowledged', 'You acknowledged this alert; its escalation has stopped.'],
    refused: ['Not acknowledged', 'This alert could not be acknowledged:'],
    gone: ['Unknown alert', 'This alert no longer exists:'],
    expired: ['Link expired', 'This acknowledgement link has expired; acknowledge the alert in Vigie.'],
    invalid: ['Invalid link', 'This acknowledgement link is not valid (altered or signed with another secret).'],
  },
  fr: {
    confirm: ['Prendre cette alerte en compte ?', "La prise en compte arrête son escalade : personne d'autre ne sera appelé pour elle."],
    done: ['Alerte prise en compte', 'Vous avez pris en compte cette alerte ; son escalade est arrêtée.'],
    refused: ['Non pris en compte', "Cette alerte n'a pas pu être prise en compte :"],
    gone: ['Alerte inconnue', "Cette alerte n'existe plus :"],
    expired: ['Lien expiré', "Ce lien de prise en compte a expiré ; prenez l'alerte en compte dans Vigie."],
    invalid: ['Lien invalide', "Ce lien de prise en compte n'est pas valide (modifié ou signé avec un autre secret)."],
  },
} as const;

const BUTTON = { en: 'Acknowledge', fr: 'Prendre en compte' } as const;

/** Where an alert that is not new stands, in the user's language. */
function stateLine(lang: MessageLang, a: Alert): string {
  const by = a.acknowledgedBy ?? a.resolvedBy ?? '';
  if (lang === 'fr') {
    if (a.status === 'acknowledged') return `« ${a.title} » est déjà prise en compte${by ? ` par ${by}` : ''}.`;
    if (a.status === 'resolved') return `« ${a.title} » est déjà résolue${a.resolvedBy ? ` par ${a.resolvedBy}` : ''}.`;
    return `« ${a.title} » est mise en sourdine.`;
  }
  if (a.status === 'acknowledged') return `"${a.title}" is already acknowledged${by ? ` by ${by}` : ''}.`;
  if (a.status === 'resolved') return `"${a.title}" is already resolved${a.resolvedBy ? ` by ${a.resolvedBy}` : ''}.`;
  return `"${a.title}" is silenced.`;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The small page of an acknowledgement link: the confirmation (a form that posts to the same link) or the outcome. */
export function ackPage(lang: MessageLang, outcome: keyof (typeof TEXT)['en'], detail: string): string {
  const [title, lead] = TEXT[lang][outcome];
  const form = outcome === 'confirm'
    ? `<form method="post"><button type="submit" style="font-size:1.1rem;padding:.6rem 1.4rem">${escapeHtml(BUTTON[lang])}</button></form>\n`
    : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Vigie</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1>${escapeHtml(title)}</h1>
${outcome === 'expired' || outcome === 'invalid' ? '' : `<p><strong>${escapeHtml(detail)}</strong></p>\n`}<p>${escapeHtml(lead)}</p>
${form}</body></html>
`;
}
