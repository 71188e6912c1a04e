/**
 * French and English labels for the chat channels (Slack, Teams). Kept here until the shared
 * renderer (src/alert/channels/render/) lands; then these should move there or be replaced by it.
 */
import type { Severity, SignalKind } from '../../../domain/signal.ts';
import type { MessageLang } from '../../message.ts';

export interface ChatLabels {
  severity: Record<Severity, string>;
  kind: Record<SignalKind, string>;
  drillBanner: string;
  important: string;
  urgencyField: string;
  brand: string;
  severityField: string;
  kindField: string;
  started: string;
  why: string;
  samples: string;
  acknowledge: string;
  open: string;
  ackHint: string;
  alertId: string;
  unknownAuthor: string;
}

const en: ChatLabels = {
  severity: { SEV1: 'Critical', SEV2: 'High', SEV3: 'Moderate', SEV4: 'Watch' },
  kind: {
    volume: 'Mention volume spike',
    negative_volume: 'Negative mentions spike',
    negative_share: 'Negative share rising',
    reach_negativity: 'Negative posts reaching many people',
    influencer_arrival: 'Influencers or media joining in',
    feed_quiet: 'Listening went quiet',
    trigger_burst: 'Crisis trigger surge',
  },
  drillBanner: 'DRILL: this is an exercise, not a real alert',
  important: 'Important page',
  urgencyField: 'Urgency',
  brand: 'Brand',
  severityField: 'Severity',
  kindField: 'Signal',
  started: 'Started',
  why: 'Why',
  samples: 'Posts',
  acknowledge: 'Acknowledge',
  open: 'Open in Vigie',
  ackHint: 'The Acknowledge link is signed and expires.',
  alertId: 'Alert',
  unknownAuthor: 'unknown author',
};

const fr: ChatLabels = {
  severity: { SEV1: 'Critique', SEV2: 'Élevée', SEV3: 'Modérée', SEV4: 'Surveillance' },
  kind: {
    volume: 'Pic de volume de mentions',
    negative_volume: 'Pic de mentions négatives',
    negative_share: 'Part de négatif en hausse',
    reach_negativity: 'Messages négatifs à forte audience',
    influencer_arrival: 'Arrivée d’influenceurs ou de médias',
    feed_quiet: 'L’écoute est devenue silencieuse',
    trigger_burst: 'Poussée d’un déclencheur de crise',
  },
  drillBanner: 'DRILL : ceci est un exercice, pas une vraie alerte',
  important: 'Alerte importante',
  urgencyField: 'Urgence',
  brand: 'Marque',
  severityField: 'Gravité',
  kindField: 'Signal',
  started: 'Début',
  why: 'Pourquoi',
  samples: 'Publications',
  acknowledge: 'Acquitter',
  open: 'Ouvrir dans Vigie',
  ackHint: 'Le lien Acquitter est signé et expire.',
  alertId: 'Alerte',
  unknownAuthor: 'auteur inconnu',
};

export function chatLabels(lang: MessageLang): ChatLabels {
  return lang === 'fr' ? fr : en;
}

/** "2026-03-12 14:12 UTC": unambiguous whatever the reader's time zone. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Cuts `text` to `max` characters (code points), ending with "…" when cut. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
