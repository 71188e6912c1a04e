/**
 * The word cues of the stakeholder rules, French and English, as precompiled regular
 * expressions over folded text (lower case, accents removed: see src/listen/query/fold.ts).
 * Apostrophes are matched straight or curly (fold keeps "’"). Each expression is one
 * alternation bounded by non-word characters, so "journaliste" matches but "journalistes"
 * (a newsroom's bio: "nos journalistes") does not.
 *
 * Strong cues decide alone; weak ones ("editor", "news") need corroboration (see stakeholder.ts).
 */
import { fold } from '../../listen/query/fold.ts';

/** A straight or curly apostrophe. */
const AP = "['’]";
const L = '(?<![a-z0-9_])';
const R = '(?![a-z0-9_])';

/** One alternation of regex sources, bounded as whole words; longer alternatives first. */
export function wordsRegex(sources: readonly string[], flags = ''): RegExp {
  const sorted = [...sources].sort((a, b) => b.length - a.length);
  return new RegExp(`${L}(?:${sorted.join('|')})${R}`, flags);
}

/** A plain phrase (from the configuration) as a regex source: folded, escaped, spaces as \s+. */
export function phraseSource(phrase: string): string {
  return fold(phrase.trim())
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/['’]/g, AP)
    .replace(/\s+/g, '\\s+');
}

// ---------------------------------------------------------------- journalists

const JOURNALIST_STRONG = [
  'journaliste',
  'journalist',
  'journo',
  'reporter',
  'jri',
  `redac(?:teur|trice)[\\s-]+en[\\s-]+chef(?:fe)?`,
  `redac(?:${AP}|[\\s-])?[\\s-]?chef(?:fe)?`,
  'correspondant(?:e)?',
  'correspondent',
  'pigiste',
  'envoyee?\\s+speciale?',
  'chroniqueu(?:r|se)',
  'columnist',
  'editorialiste',
  'editorialist',
  'editor[\\s-]+in[\\s-]+chief',
  '(?:managing|deputy|executive|senior|news|political|politics|business|economics|technology|tech|science|health|consumer|foreign|city|features|digital|investigations?|europe|world|home\\s+affairs)\\s+editor',
  'staff\\s+writer',
  `(?:writes|writing|ecrit|j${AP}ecris)\\s+(?:for|pour|dans)\\s+@`,
  'carte\\s+de\\s+presse',
  'press\\s+card',
  'present(?:ateur|atrice)\\s+(?:du|de|des|au)\\s+(?:jt|journal|20h|13h|19\\/20|matinale)',
  'news\\s+anchor',
  'anchor\\s+(?:at|for|on)',
];

/** Weak: common outside newsrooms ("video editor", "rédacteur web"), so those uses are left out. */
const JOURNALIST_WEAK = [
  '(?<!(?:video|photo|film|code|text|wiki|wikipedia|sound|image|copy|content|seo|web|ux|ghost|map)[\\s-]?)editor(?![\\s-]+(?:de\\s+video|video))',
  'redac(?:teur|trice)(?![\\s-]+(?:web|seo|technique|de\\s+contenus?|freelance\\s+web))',
  '(?<!(?:ghost|seo|copy|content|song|tech|technical|ux)[\\s-]?)writer',
  'contribut(?:or|eur|rice)',
];

export const JOURNALIST_STRONG_RE = wordsRegex(JOURNALIST_STRONG);
export const JOURNALIST_WEAK_RE = wordsRegex(JOURNALIST_WEAK);

// ---------------------------------------------------------------- media

const MEDIA_STRONG = [
  `(?:l${AP})?infos?\\s+en\\s+continu`,
  `toute\\s+l${AP}actu(?:alite)?`,
  `l${AP}actu(?:alite)?\\s+(?:de|du|des|d${AP}|en|locale|regionale|nationale|internationale|economique|politique)`,
  'actualites?\\s+(?:locales?|regionales?|nationales?|internationales?|economiques?|politiques?)',
  'breaking\\s+news',
  'latest\\s+news',
  'news\\s+(?:from|and\\s+analysis|site|outlet|agency|channel|network|service|desk|organi[sz]ation|publisher|website|and\\s+views)',
  'newsroom',
  '(?:la|notre|votre)\\s+redaction',
  `redaction\\s+(?:de|du|d${AP})`,
  `quotidien\\s+(?:regional|national|gratuit|economique|d${AP}information|du|de|des)`,
  'hebdomadaire',
  `(?:bi)?mensuel\\s+(?:de|du|des|d${AP}|gratuit)`,
  'newspaper',
  'daily\\s+news',
  'news\\s+agency',
  'agence\\s+de\\s+presse',
  `site\\s+d${AP}(?:info|infos|information|actualites?)`,
  'pure\\s+player',
  `chaine\\s+(?:d${AP}info|d${AP}information|de\\s+television|de\\s+tele|tv|publique)`,
  `radio\\s+(?:locale|nationale|publique|regionale|associative|d${AP}information)`,
  'public\\s+broadcaster',
  'broadcaster',
  `media\\s+(?:independant|d${AP}information|en\\s+ligne|regional|local|national|d${AP}enquete)`,
  `(?:le|un|the|a)\\s+magazine`,
  `magazine\\s+(?:de|du|des|d${AP}|for|about|of)`,
  `compte\\s+officiel\\s+(?:du|de|de\\s+la|de\\s+l${AP})\\s*(?:journal|magazine|quotidien|media|radio|chaine|hebdo|site)`,
];

const MEDIA_WEAK = [
  'actu',
  'actus',
  'actualites?',
  'infos?',
  'news',
  'breaking',
  'medias?',
  'journal',
  'magazine',
  'mag',
  'presse',
  'radio',
  'tv',
  'tele',
  'television',
  'edition',
  'daily',
  'weekly',
  'hebdo',
  'quotidien',
  'redaction',
  'reportages?',
];

export const MEDIA_STRONG_RE = wordsRegex(MEDIA_STRONG);
export const MEDIA_WEAK_RE = wordsRegex(MEDIA_WEAK);

/** A news organisation's look in a display name ("Le Courrier d'Armor", "Home & Kitchen Wire"). */
export const MEDIA_NAME_RE = wordsRegex([
  `(?:le|la|les|l${AP}|the)\\s*(?:courrier|journal|gazette|tribune|telegramme|depeche|parisien|progres|republicain|nouvelliste|echos?|herald|times|post|chronicle|observer|independent|monde|figaro)`,
  'news',
  'infos?',
  'actu',
  'magazine',
  'mag',
  'radio',
  'tv',
  'fm',
  'presse',
  'press',
  'hebdo',
  'media',
  'wire',
]);

/** A news organisation's look in a handle: these words run together ("ouest_info", "franceinfo"). */
export const MEDIA_HANDLE_RE = /news|info|actu|journal|presse|press|media|hebdo|daily|gazette|magazine|mag$|tv$|^tv|fm$|radio|wire$/;

// ---------------------------------------------------------------- customers

const CUSTOMER = [
  '(?:ma|mes)\\s+(?:commandes?|livraisons?|colis|factures?|carte|abonnement|ligne|box|reservations?|reclamations?|garantie|pieces?|remboursements?|souscription)',
  '(?:mon|mes)\\s+(?:colis|abonnement|compte|forfait|remboursement|dossier|contrat|achat|produit|appareil|ticket|sav|numero\\s+de\\s+(?:commande|suivi|dossier))',
  `j${AP}(?:ai|avais)\\s+(?:achete|commande|recu|paye|souscrit|retourne|renvoye|contacte|appele|reserve)`,
  `je\\s+(?:viens\\s+d${AP}acheter|viens\\s+de\\s+(?:recevoir|commander)|suis\\s+client(?:e)?|me\\s+suis\\s+abonnee?)`,
  'client(?:e)?\\s+(?:depuis|fidele|chez\\s+vous)',
  'numero\\s+de\\s+(?:commande|suivi)',
  `je\\s+n${AP}ai\\s+(?:toujours\\s+)?(?:pas|rien)\\s+(?:recu|eu)`,
  'my\\s+(?:orders?|package|parcel|delivery|account|bill|invoice|refund|subscription|card|booking|reservation|warranty|claim|purchase|return|replacement|tracking\\s+number)',
  'i\\s+(?:bought|ordered|purchased|paid|received|returned|subscribed|booked)',
  `i(?:${AP}ve|\\s+have)\\s+(?:bought|ordered|been\\s+a\\s+(?:loyal\\s+)?customer|paid)`,
  `i(?:${AP}m|\\s+am)\\s+a\\s+(?:loyal\\s+|long-?time\\s+)?customer`,
  'customer\\s+(?:since|for\\s+\\d+\\s+years)',
  'order\\s+(?:number|no|#)',
  `(?:still\\s+)?(?:haven${AP}t|have\\s+not|never)\\s+received`,
];

export const CUSTOMER_RE = wordsRegex(CUSTOMER);

/** First-person words: a post addressed to the brand with one of them is about the author's own case. */
export const FIRST_PERSON_RE = new RegExp(`${L}(?:(?:je|moi|mon|ma|mes|i|my|me|mine)${R}|[jm]${AP})`);

/** Wording of an official account, which with a government link in the bio makes a public authority. */
export const OFFICIAL_RE = wordsRegex([
  'compte\\s+officiel',
  'official\\s+account',
  'ministeres?',
  'ministry',
  'agence',
  'agency',
  'autorite',
  'authority',
  'direction\\s+generale',
  'department\\s+(?:of|for)',
  'regulat(?:eur|rice|or|ory)',
  'commission',
  'gouvernement',
  'government',
]);

// ---------------------------------------------------------------- employees (per organisation)

/** Job words that, followed by "at/chez/de/@" and the organisation, say the author works there. */
const ROLE = [
  'travaille',
  'travaillant',
  'bosse',
  'bossant',
  'salariee?',
  'employee?',
  'collaborat(?:eur|rice)',
  'stagiaire',
  'alternante?',
  'apprentie?',
  'ingenieure?',
  'responsable',
  'direct(?:eur|rice)',
  '(?:co-?)?fondat(?:eur|rice)',
  'pdg',
  'dg',
  'ceo',
  'cto',
  'cmo',
  'coo',
  'cfo',
  'cio',
  'presidente?',
  'manager',
  'chef(?:fe)?\\s+de\\s+(?:projet|produit|rayon)',
  'chargee?',
  'conseill(?:er|ere)',
  'technicien(?:ne)?',
  'vend(?:eur|euse)',
  'commerciale?',
  'developpeu(?:r|se)',
  'designer',
  'juriste',
  'works?',
  'working',
  'employed',
  'engineer',
  'developer',
  'intern',
  'director',
  'head\\s+of\\s+[a-z]+',
  'lead',
  '(?:co-?)?founder',
  'vp(?:\\s+of)?\\s+[a-z]+',
  'product\\s+(?:manager|owner|designer)',
  'pm',
  'marketing',
  'communications?',
  'comms',
  'pr',
  'sales',
  'support',
  'analyst',
  '(?:community|social\\s+media|brand|account|customer\\s+success)\\s+manager',
];
const ROLE_SRC = `(?:${ROLE.join('|')})`;

const OWN_VIEWS = [
  '(?:views|opinions|tweets|posts|thoughts)(?:\\s+here|\\s+expressed)?(?:\\s+are)?\\s+(?:my\\s+own|mine|personal)',
  `(?:avis|propos|opinions|tweets|posts)\\s+(?:sont\\s+)?(?:personnels?|perso|n${AP}engagent\\s+que\\s+moi)`,
  `n${AP}engagent\\s+que\\s+moi`,
  'rt\\s*(?:≠|!=|=\\/=|is\\s+not|are\\s+not|ne\\s+vaut\\s+pas)\\s*(?:endorsements?|approbation)',
];
export const OWN_VIEWS_RE = wordsRegex(OWN_VIEWS);

/** What comes just before a match that undoes it: a former employee, a client "chez" the brand. */
export const NOT_EMPLOYEE_BEFORE =
  /(?:^|[^a-z0-9_])(?:ex|ancien|ancienne|former|formerly|anciennement|retired|retraitee?|client|cliente|customer|fan|shopping|shop|happy)[\s-]+(?:[a-z0-9_'’]+\s+)?$/;

/** The employee cues of one organisation, given the alternation of its names and handles. */
export interface OrgCues {
  /** The organisation named anywhere (fast pre-check before the cues below). */
  any: RegExp;
  /** "ingénieure chez Kerlann", "works at @kerlann", "CEO of Kerlann", "salarié de Kerlann"… */
  role: RegExp;
  /** "chez Kerlann", "at Kerlann", "@kerlann employee", "Kerlann staff". */
  place: RegExp;
  /** In a display name: "Marion Le Bihan | Kerlann", "Yann @ Kerlann". */
  nameTag: RegExp;
}

export function orgCues(orgSources: readonly string[]): OrgCues {
  const org = `@?(?:${[...orgSources].sort((a, b) => b.length - a.length).join('|')})`;
  return {
    any: new RegExp(`${L}${org}${R}`),
    role: new RegExp(`${L}${ROLE_SRC}\\s+(?:[a-z0-9'’-]+\\s+){0,2}?(?:chez|de|du|d${AP}|at|for|of|@)\\s*${org}${R}`, 'g'),
    place: new RegExp(`${L}(?:(?:chez|at)\\s+${org}|${org}\\s+(?:employee|staff|team\\s+member|teammate|engineer|salariee?|collaborat(?:eur|rice)))${R}`, 'g'),
    nameTag: new RegExp(`(?:[|@·•/]|\\s[-–—]\\s|${L}chez\\s|${L}at\\s)\\s*${org}${R}`),
  };
}

/** After "mon/my", words that are no possession: "mon Dieu", "mon avis sur", "my take on". */
const NOT_OWNED = '(?!(?:dieu|god|gosh|goodness|avis|opinion|opinions|take|thoughts|question|questions|message|tweet|post|reponse|answer)(?![a-z0-9_]))';

/** Customer cues naming the organisation: "mon autocuiseur Kerlann", "my Kerlann cooker". */
export function ownedProductCue(orgSources: readonly string[]): RegExp {
  const org = `@?(?:${[...orgSources].sort((a, b) => b.length - a.length).join('|')})`;
  return new RegExp(`${L}(?:mon|ma|mes|my)\\s+${NOT_OWNED}(?:[a-z0-9'’-]+\\s+){0,2}?${org}${R}`);
}
