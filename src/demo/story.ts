import { type Account, CAST } from './accounts.ts';
import { type Ctx, mediaKey, metricsFor, newPost, shortLink } from './context.ts';
import type { Post, PostCategory } from './post.ts';
import type { Lang } from './vocab.ts';

/** A post written by the story at a fixed time; `life` and `weight` make it a retweet magnet. */
export interface Beat {
  ms: number;
  key: string;
  make: (ctx: Ctx, ms: number) => Post;
  draw?: { weight: number; life: number };
}

const big = (ctx: Ctx, a: Account, boost: number) => metricsFor(ctx.rng, a.followers, boost);

function beat(
  ms: number,
  key: string,
  category: PostCategory,
  who: Account,
  lang: Lang,
  text: string | ((ctx: Ctx) => string),
  opts: { ref?: [string, 'quoted' | 'replied_to']; photo?: string; link?: string; edits?: string; boost?: number; draw?: Beat['draw'] } = {},
): Beat {
  return {
    ms,
    key,
    draw: opts.draw,
    make: (ctx, at) => {
      const refPost = opts.ref !== undefined ? ctx.keys.get(opts.ref[0]) : undefined;
      const editOf = opts.edits !== undefined ? ctx.keys.get(opts.edits) : undefined;
      const media = opts.photo !== undefined ? (editOf?.media ?? { key: mediaKey(ctx.rng), alt: opts.photo }) : null;
      let body = typeof text === 'string' ? text : text(ctx);
      const tco = media !== null || opts.link !== undefined || opts.ref?.[1] === 'quoted' ? shortLink(ctx.rng) : null;
      if (tco !== null) body += ` ${tco}`;
      const link = opts.link !== undefined ? { short: tco ?? '', expanded: opts.link, display: opts.link.slice(8, 34) + '…' } : null;
      return newPost(ctx, at, category, who, body, lang, {
        ref: refPost !== undefined && opts.ref !== undefined ? { type: opts.ref[1], post: refPost } : null,
        media,
        link,
        editOf: editOf ?? null,
        metrics: big(ctx, who, opts.boost ?? 1),
      });
    },
  };
}

const VICTIM_TEXT =
  'Mon autocuiseur @KerlannFR Vapeur 6L a explosé ce midi : le couvercle a sauté, la soupape a lâché. Brûlée au bras et au cou, de la soupe jusqu’au plafond. C’est DANGEREUX 😡 #Kerlann';

/** The story's fixed beats, baseline ones included, in no particular order. */
export function beats(ctx: Ctx): Beat[] {
  const s = ctx.schedule;
  return [
    beat(s.longPostMs, 'long', 'baseline', CAST.chef, 'fr', 'Ma recette de kig ha farz à l’autocuiseur, pour ceux qui me la demandent depuis des semaines. Dans le Kerlann Vapeur 6L : 1 kg de jarret et de lard, les légumes (chou, carottes, navets), le farz noir dans son sac en tissu posé au-dessus. 40 minutes sous pression, puis on laisse la pression retomber seule. Le farz se découpe en billig avec un peu de beurre salé. C’est le plat du dimanche chez nous depuis trois générations, et franchement le Vapeur 6L a divisé le temps de cuisson par trois. #Kerlann #recette #bzh', { boost: 3 }),
    beat(s.editedPostMs, 'edited0', 'baseline', CAST.batch, 'fr', 'Batch cooking de la semaine au Kerlann Vapeur 6L : 5 plats en 2h, le fil des recettes arrive 👇 #batchcooking'),
    beat(s.editedPostMs + 7 * 60_000, 'edited1', 'baseline', CAST.batch, 'fr', 'Batch cooking de la semaine au Kerlann Vapeur 6L : 5 plats en 2h30 (pas 2h, j’ai compté la vaisselle), le fil des recettes arrive 👇 #batchcooking', { edits: 'edited0' }),
    beat(s.giveawayMs, 'giveaway', 'baseline', CAST.brandFr, 'fr', '🎁 CONCOURS 🎁 Une cocotte Kerlann Fonte 24 cm à gagner ! RT + follow @KerlannFR, tirage dimanche #concours #Kerlann', { boost: 4 }),
    // The crisis.
    beat(s.onsetMs, 'victim', 'crisis', CAST.victim, 'fr', VICTIM_TEXT, { photo: 'Un autocuiseur ouvert, le couvercle arraché, de la soupe sur les murs', boost: 40, draw: { weight: 30, life: 8 } }),
    beat(s.victimEditMs, 'victimEdit', 'crisis', CAST.victim, 'fr', `${VICTIM_TEXT}\nEDIT : lot KV6-2511, acheté en janvier. Urgences, brûlure au 2e degré.`, { photo: '', edits: 'victim', boost: 40, draw: { weight: 40, life: 8 } }),
    beat(s.influencerMs, 'influencer', 'crisis', CAST.influencer, 'fr', 'Je relaie parce que ça me glace le sang : un autocuiseur @KerlannFR Vapeur 6L qui explose. Depuis une heure je reçois des dizaines de messages d’abonnés qui ont eu des soucis de soupape avec le même modèle. Je l’ai moi-même recommandé ici pendant des années, et je m’en veux. Tant que la marque ne s’explique pas, ne l’utilisez plus : un couvercle qui explose, c’est des brûlures graves, voire pire. @KerlannFR vous devez une réponse à Julie et à tous ceux qui ont peur chez eux ce soir. #KerlannGate', { ref: ['victimEdit', 'quoted'], boost: 60, draw: { weight: 80, life: 6 } }),
    beat(s.journalistMs, 'journalist', 'crisis', CAST.journalist, 'fr', 'J’enquête sur les autocuiseurs Kerlann Vapeur 6L après l’accident de @julie_mrtn29. Vous avez eu un incident similaire (soupape, couvercle) ? Mes DM sont ouverts. #KerlannGate', { boost: 8, draw: { weight: 15, life: 4 } }),
    beat(s.mediaMs, 'media', 'crisis', CAST.media, 'fr', 'Autocuiseurs Kerlann : une cliente brûlée près de Quimper, d’autres témoignages affluent. La marque, interpellée, n’a pas encore réagi. #KerlannGate', { link: 'https://www.courrierdarmor.fr/conso/autocuiseurs-kerlann-une-cliente-brulee', boost: 30, draw: { weight: 100, life: 8 } }),
    beat(s.employeeMs, 'employee', 'crisis', CAST.employee, 'fr', 'Trente ans de Vapeur 6L sans souci chez Kerlann. Un autocuiseur mal fermé, c’est souvent l’utilisateur, pas le produit. On se calme.', { boost: 30, draw: { weight: 45, life: 4 } }),
    beat(s.mediaEnMs, 'mediaEn', 'crisis', CAST.mediaEn, 'en', 'French cookware maker Kerlann faces backlash after a Vapeur 6L pressure cooker lid blew off and burned a customer. #KerlannGate', { link: 'https://homekitchenwire.com/news/kerlann-pressure-cooker-burn', boost: 20, draw: { weight: 50, life: 8 } }),
    beat(s.consumersMs, 'consumers', 'crisis', CAST.consumers, 'fr', '⚠️ Autocuiseurs Kerlann Vapeur 6L : nous saisissons la DGCCRF. Incident, brûlure, soupape bloquée ? Signalez-le et gardez l’appareil. #KerlannGate #rappel', { boost: 15, draw: { weight: 40, life: 6 } }),
    beat(s.responseMs, 'response', 'crisis', CAST.brandFr, 'fr', 'Communiqué. Nous sommes profondément désolés pour ce qui est arrivé à @julie_mrtn29 et à celles et ceux qui nous ont signalé un incident. Par précaution, nous rappelons les autocuiseurs Kerlann Vapeur 6L des lots KV6-2510 et KV6-2511 (numéro gravé sous la poignée) : ne les utilisez plus. Remboursement intégral ou échange, frais de retour à notre charge, au 0 800 000 000 (gratuit) ou sur kerlann.fr/rappel. Une enquête est en cours avec un laboratoire indépendant. Nous vous tiendrons informés. #Kerlann', { link: 'https://www.kerlann.fr/rappel-vapeur-6l', boost: 50, draw: { weight: 120, life: 6 } }),
    beat(s.responseMs + 3 * 60_000, 'care', 'crisis', CAST.care, 'fr', '@julie_mrtn29 Julie, nous sommes sincèrement désolés. Notre équipe vous a contactée en privé pour tout prendre en charge. Prenez soin de vous. L’équipe Kerlann', { ref: ['victimEdit', 'replied_to'], boost: 5 }),
    beat(s.responseEnMs, 'responseEn', 'crisis', CAST.brand, 'en', 'Statement: we are deeply sorry. As a precaution we are recalling Kerlann Vapeur 6L pressure cookers from lots KV6-2510 and KV6-2511 (number under the handle). Please stop using them: full refund or replacement, free returns. An independent lab investigation is under way. #Kerlann', { link: 'https://www.kerlann.fr/en/recall', boost: 20, draw: { weight: 60, life: 6 } }),
    beat(s.responseMs + 95 * 60_000, 'victimThanks', 'crisis', CAST.victim, 'fr', '@KerlannFR merci pour l’appel et la prise en charge rapide. Vérifiez vos lots, ne prenez pas de risque 🙏', { ref: ['response', 'replied_to'], boost: 30, draw: { weight: 40, life: 5 } }),
  ];
}
