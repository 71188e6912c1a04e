import type { Lang } from './vocab.ts';

/**
 * What people write during the crisis, by storyline. Negative words are plain lexicon words
 * (dangereux, brûlé, scandale, honte, dangerous, burned, recall…) so a lexicon reads them.
 */
export type CrisisKind =
  | 'angry'
  | 'similar'
  | 'recall'
  | 'concern'
  | 'quote'
  | 'positive'
  | 'skeptical'
  | 'info'
  | 'aftermath';

export const CRISIS_TEXTS: Readonly<Record<Lang, Readonly<Record<CrisisKind, readonly string[]>>>> = {
  fr: {
    angry: [
      '{brand} votre {cooker} est DANGEREUX, une cliente brûlée et toujours aucun rappel. Scandale {negEmoji}',
      'Un couvercle d’autocuiseur qui explose, c’est une honte {brand} {crisisTag}',
      'Honte à {brand}, des gens brûlés et vous continuez à vendre le {cooker}',
      '{brand} c’est inadmissible, le {cooker} peut exploser et vous ne dites rien',
      'Je jette mon {cooker} ce soir, trop peur. Merci {brand} pour rien {negEmoji}',
      'Scandale {brand} : soupape défectueuse, couvercle qui saute, cliente brûlée. Et le silence',
      '{brand} vous attendez qu’il y ait un mort pour rappeler le {cooker} ? Honteux',
      'Plus jamais {brand}. Un autocuiseur dangereux dans ma cuisine, non merci {crisisTag}',
      'Des brûlures au 2e degré à cause d’un {cooker}. {brand} doit répondre {negEmoji}',
      'Dégoûtée. J’avais offert un {cooker} à {who}, je lui ai dit de ne plus s’en servir {brand}',
      '{brand} le silence de la marque est pire que l’accident. Lamentable',
      'Cocotte-minute qui explose = danger grave. {brand} retirez le {cooker} de la vente {crisisTag}',
      'Mais quelle honte {brand}, aucune excuse, aucun rappel, rien {negEmoji}',
      'Produit défectueux et dangereux, {brand} on attend des explications',
      'Le {cooker} a brûlé une femme et {brand} poste encore des recettes ? Indécent',
      'Boycott {brand} tant qu’il n’y a pas de rappel du {cooker} {crisisTag}',
      'J’ai peur d’utiliser mon {cooker} maintenant. Merci {brand}, vraiment nul',
      '{brand} soupape défaillante, brûlure, et vous faites les morts. Scandaleux',
    ],
    similar: [
      '{brand} pareil chez moi il y a {n} semaines, la soupape du {cooker} s’est bloquée et le couvercle a sauté. Lot {lotRecalled}',
      'Moi aussi ! {cooker} lot {lotRecalled}, de la vapeur brûlante partout, j’ai eu très peur {brand}',
      '{brand} mon {cooker} a fait exactement pareil {when}, joint éjecté, brûlure à la main {negEmoji}',
      'Même problème avec mon {cooker} (lot {lotRecalled}). J’avais écrit au SAV {brand}, jamais de réponse',
      '{brand} ma mère s’est brûlée avec son {cooker} le mois dernier, on pensait que c’était sa faute',
      'Je confirme, soupape défectueuse sur mon {cooker} {lotRecalled}, {brand} était au courant ?',
    ],
    recall: [
      '{brand} RAPPEL du {cooker} maintenant ! {crisisTag}',
      'On exige le rappel des {cooker} lots {lotRecalled} et {lotOther} {brand} {crisisTag}',
      '{brand} rappel immédiat, remboursement et excuses. C’est le minimum {crisisTag}',
      'La DGCCRF doit se saisir du dossier {brand}, ce {cooker} est dangereux {crisisTag}',
      'Signalez vos incidents {cooker} sur SignalConso, il faut un rappel {brand} {crisisTag}',
      'Quand est-ce que {brand} annonce le rappel ? Tous les {cooker} doivent être vérifiés',
    ],
    concern: [
      'Oh non, j’espère que ça va ?? Courage, c’est terrible {negEmoji}',
      'Mon dieu ta main… soigne-toi bien, et porte plainte contre {brand}',
      'C’est horrible, tu as pu aller aux urgences ?',
      'Affreux. J’ai le même {cooker}, je ne m’en sers plus',
      'Courage ! {brand} doit prendre ses responsabilités, c’est grave',
    ],
    quote: [
      'Terrible. {brand} doit réagir maintenant {crisisTag}',
      'C’est exactement ce qui m’est arrivé. {brand} dangereux',
      'Ça fait froid dans le dos. Vérifiez vos autocuiseurs {brand} {negEmoji}',
      'Scandale. Partagez pour que {brand} réponde',
      'Vous voyez, ce n’était pas un cas isolé {brand} {crisisTag}',
    ],
    positive: [
      'Merci pour la réactivité et la transparence {brand}, c’est bien de reconnaître le problème',
      'Bonne réponse de {brand}, rappel clair et remboursement. Respect {posEmoji}',
      'Ça c’est une marque qui assume. Merci {brand}, je garde confiance',
      'Enfin une vraie réponse, merci {brand}. Lot vérifié, le mien n’est pas concerné',
      'Rappel annoncé, excuses présentées, bravo {brand} pour la gestion',
    ],
    skeptical: [
      'Trop tard {brand}, il a fallu une cliente brûlée et un article pour que vous réagissiez',
      'Des excuses sans remboursement immédiat ? Pas convaincue {brand}',
      'Et les autres lots ? Vous êtes sûrs que seuls {lotRecalled} sont concernés {brand} ?',
      '{brand} rappel sous la pression, ça reste une honte {crisisTag}',
      'Communiqué bien rédigé, mais la confiance est brisée {brand}',
    ],
    info: [
      'Info : {brand} rappelle les autocuiseurs Vapeur 6L des lots KV6-2510 et KV6-2511. Numéro sous la poignée',
      'Vérifiez vos autocuiseurs {brand} : lots KV6-2510 et KV6-2511 rappelés, remboursement intégral',
      'Rappel {brand} Vapeur 6L : ne plus utiliser, contacter le 0 800 000 000 (gratuit) {crisisTag}',
      'Pour ceux qui demandent, le numéro de lot du {cooker} est gravé sous la poignée {brand}',
    ],
    aftermath: [
      'J’ai vérifié mon {cooker}, lot {lotOther}, pas concerné ouf {brand}',
      'Renvoyé mon {cooker} {lotRecalled} au SAV {brand}, on verra',
      'Remboursement {brand} reçu pour mon {cooker}. Reste à voir si je rachète chez eux',
      'Je n’arrive plus à faire confiance à {brand} après cette histoire de {cooker}',
      'Des nouvelles de la cliente brûlée par le {cooker} {brand} ?',
    ],
  },
  en: {
    angry: [
      '{brand} your {cooker} is DANGEROUS. A woman got burned and still no recall. Disgrace {negEmoji}',
      'A pressure cooker lid blowing off is terrifying. Shame on {brand} {crisisTag}',
      '{brand} people are getting burned and you keep selling the {cooker}? Unacceptable',
      'Throwing my {cooker} out tonight, not worth the risk. Awful {brand}',
      '{brand} defective valve, exploding lid, burned customer, and total silence. Pathetic',
      'Never buying {brand} again. Dangerous product {crisisTag}',
      '{brand} waiting for someone to die before a recall? Disgusting',
      'Horrible story. {brand} needs to pull the {cooker} from shelves now {negEmoji}',
    ],
    similar: [
      '{brand} same thing happened to me {n} weeks ago, the valve on my {cooker} jammed and the lid blew off. Lot {lotRecalled}',
      'Me too! {cooker} lot {lotRecalled}, scalding steam everywhere, I was so scared {brand}',
      '{brand} my {cooker} did exactly this, gasket shot out and burned my hand {negEmoji}',
    ],
    recall: [
      '{brand} RECALL the {cooker} now! {crisisTag}',
      '{brand} issue a recall, refunds and an apology. Bare minimum {crisisTag}',
      'Why is there still no recall on the {cooker}? {brand} this is dangerous',
    ],
    concern: ['Oh no, hope you are ok?? That is awful {negEmoji}', 'Terrible. Please get that burn checked. {brand} must answer'],
    quote: [
      'Terrifying. {brand} needs to respond now {crisisTag}',
      'This is exactly what happened to me. {brand} dangerous',
      'Check your pressure cookers, people. {brand} {negEmoji}',
    ],
    positive: [
      'Thanks {brand} for owning it, clear recall and full refund. Respect {posEmoji}',
      'Good response from {brand}. Checked my lot, not affected',
      'That is how a brand should handle it. Thank you {brand}',
    ],
    skeptical: [
      'Too little too late {brand}, it took a burned customer and the press',
      'An apology is nice, but are you sure only lots {lotRecalled} are affected {brand}?',
      '{brand} recall under pressure, still a disgrace {crisisTag}',
    ],
    info: [
      'PSA: {brand} is recalling Vapeur 6L pressure cookers, lots KV6-2510 and KV6-2511. Lot number under the handle',
      'If you own a {cooker}, check the lot: KV6-2510 and KV6-2511 are recalled {brand}',
    ],
    aftermath: [
      'Checked my {cooker}, lot {lotOther}, not affected phew {brand}',
      'Refund from {brand} arrived for my {cooker}. Not sure I will buy again',
      'Still cannot trust {brand} after the {cooker} story',
    ],
  },
};

/** Plain negative words of the crisis, in both languages (used by tests and the docs). */
export const NEGATIVE_WORDS: readonly string[] = [
  'dangereux', 'dangereuse', 'danger', 'brûl', 'brul', 'scandal', 'honte', 'honteux', 'inadmissible', 'explos',
  'défectueu', 'defectueu', 'défaill', 'defaill', 'peur', 'horrible', 'affreux', 'terrible', 'boycott', 'rappel',
  'lamentable', 'indécent', 'indecent', 'nul', 'dégoût', 'degout', 'grave', 'trop tard', 'brisée', 'brisee',
  'dangerous', 'burn', 'disgrace', 'shame', 'unacceptable', 'awful', 'pathetic', 'never', 'disgusting', 'recall',
  'terrif', 'scared', 'defective', 'scalding', 'too late', 'blew', 'jammed', 'confiance', 'trust',
];
