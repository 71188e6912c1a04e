/**
 * The French and English words every channel uses to say what happened, how severe, why, where to
 * look and how to acknowledge. One table per language so a page reads the same in e-mail, SMS,
 * Slack or Teams; channels pick them with `labels(message.lang)`.
 */
import type { Severity, SignalKind } from '../../../domain/signal.ts';
import type { MessageLang } from '../../message.ts';

export interface Labels {
  /** Between a label and its value: ": " in English, " : " in French typography. */
  colon: string;
  /** Marks drill pages; kept as the same word in both languages so filters can match it. */
  drill: string;
  drillNotice: string;
  severity: Record<Severity, string>;
  kind: Record<SignalKind, string>;
  whatHappened: string;
  severityHeading: string;
  why: string;
  samples: string;
  unknownAuthor: string;
  started: string;
  important: string;
  openAlert: string;
  acknowledge: string;
  ackHint: string;
  ackTextIntro: string;
  sentBy: string;
  /** Field names of the chat cards (Slack, Teams). */
  brand: string;
  /** A button's short "open" label. */
  open: string;
  signal: string;
  urgency: string;
  alert: string;
}

const EN: Labels = {
  colon: ': ',
  drill: 'DRILL',
  drillNotice: 'DRILL: this is an exercise. Nothing happened to the real brand; acknowledge as you would for real.',
  severity: { SEV1: 'Critical', SEV2: 'High', SEV3: 'Medium', SEV4: 'Watch' },
  kind: {
    volume: 'Mention volume spike',
    negative_volume: 'Negative mentions spike',
    negative_share: 'Negative share up',
    reach_negativity: 'Widely seen negative posts',
    influencer_arrival: 'Influencers or media joining',
    feed_quiet: 'Listening went quiet',
    trigger_burst: 'Crisis-trigger topic surge',
  },
  whatHappened: 'What happened',
  severityHeading: 'Severity',
  why: 'Why',
  samples: 'Posts that show it',
  unknownAuthor: 'unknown author',
  started: 'Started',
  important: 'Important page',
  openAlert: 'Open the alert in Vigie',
  acknowledge: 'Acknowledge',
  ackHint: 'One click acknowledges the alert and stops the escalation. The link expires.',
  ackTextIntro: 'Acknowledge (one click, the link expires):',
  sentBy: 'Sent by Vigie',
  brand: 'Brand',
  open: 'Open in Vigie',
  signal: 'Signal',
  urgency: 'Urgency',
  alert: 'Alert',
};

const FR: Labels = {
  colon: '\u00a0: ',
  drill: 'DRILL',
  drillNotice: "DRILL\u00a0: ceci est un exercice. Rien n'est arrivé à la vraie marque\u00a0; acquittez comme en situation réelle.",
  severity: { SEV1: 'Critique', SEV2: 'Élevée', SEV3: 'Moyenne', SEV4: 'Veille' },
  kind: {
    volume: 'Pic de volume de mentions',
    negative_volume: 'Pic de mentions négatives',
    negative_share: 'Part de négatif en hausse',
    reach_negativity: 'Publications négatives très vues',
    influencer_arrival: "Arrivée d'influenceurs ou de médias",
    feed_quiet: "L'écoute est devenue silencieuse",
    trigger_burst: "Poussée d'un sujet déclencheur de crise",
  },
  whatHappened: "Ce qui s'est passé",
  severityHeading: 'Gravité',
  why: 'Pourquoi',
  samples: 'Publications qui le montrent',
  unknownAuthor: 'auteur inconnu',
  started: 'Début',
  important: 'Page importante',
  openAlert: "Ouvrir l'alerte dans Vigie",
  acknowledge: 'Acquitter',
  ackHint: "Un clic acquitte l'alerte et arrête l'escalade. Le lien expire.",
  ackTextIntro: 'Acquitter (un clic, le lien expire)\u00a0:',
  sentBy: 'Envoyé par Vigie',
  brand: 'Marque',
  open: 'Ouvrir dans Vigie',
  signal: 'Signal',
  urgency: 'Urgence',
  alert: 'Alerte',
};

/** The labels for a language. */
export function labels(lang: MessageLang): Labels {
  return lang === 'fr' ? FR : EN;
}

/** "SEV1 · Critical" / "SEV1 · Critique". */
export function severityText(severity: Severity, lang: MessageLang): string {
  return `${severity} · ${labels(lang).severity[severity]}`;
}

/**
 * An instant as a reader of that language expects it, in the given IANA time zone (UTC by
 * default), with the zone named: "12 Mar 2026, 14:12 UTC" / "12 mars 2026, 14:12 UTC".
 */
export function formatInstant(epochMs: number, lang: MessageLang, timeZone = 'UTC'): string {
  const fmt = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  return `${fmt.format(new Date(epochMs))} ${timeZone}`;
}
