import type { Lang } from './vocab.ts';

/** Ordinary chatter about the brand, by kind. Every template names the brand or its product. */
export type BaselineKind = 'recipe' | 'purchase' | 'question' | 'praise' | 'complaint' | 'giveaway' | 'reply';

export const BASELINE_TEXTS: Readonly<Record<Lang, Readonly<Record<BaselineKind, readonly string[]>>>> = {
  fr: {
    recipe: [
      '{dish} en {minutes} min dans mon {product}, un régal {posEmoji}',
      'Ce soir {dish} au {product}, la maison sent trop bon',
      'Batch cooking du dimanche : {dish} + {dish} avec le {product} {tag}',
      'Testé la recette de {dish} du livret {brand}, validé par {who} {posEmoji}',
      '{dish} fondant en {minutes} minutes grâce à mon {product}. Je ne reviendrai jamais en arrière',
      'Quelqu’un a une bonne recette de {dish} pour {product} ? Je sèche',
      'Premier {dish} dans le {product} offert par {who}, c’est bluffant',
      'Petit {dish} {when} au {product}, {minutes} min sous pression et c’est plié {tag}',
      'Le {dish} de {who} fait au {product} >>> celui du resto',
      'Mon {product} tourne tous les soirs depuis l’automne, {dish} ce soir',
      'Recette facile : {dish} au {product}, {minutes} min après la mise en pression. Merci {brand}',
      'On a fait un {dish} pour 8 au {product} {when}, zéro reste {posEmoji}',
    ],
    purchase: [
      'Je me suis enfin offert le {product} ({price}€ {shop}) {posEmoji}',
      'Hésite entre le {product} et un multicuiseur électrique, des avis ? {brand}',
      'Commande du {product} passée, livraison à {city} jeudi',
      'Le {product} est à {price}€ {shop}, bon plan ou pas ?',
      'Cadeau pour {who} : un {product}. J’espère qu’elle va aimer {posEmoji}',
      'Reçu mon {product} aujourd’hui, il est magnifique. Fabriqué en Bretagne en plus',
      'Liste de mariage : on a mis le {product}, merci {brand}',
    ],
    question: [
      '{sav} bonjour, le joint de mon {product} est fatigué, où trouver une pièce de rechange ?',
      '{sav} ma commande n’est toujours pas arrivée à {city}, vous pouvez regarder ?',
      '{sav} le {product} passe-t-il au lave-vaisselle ? La notice ne le dit pas',
      '{sav} la soupape de mon {product} siffle plus que d’habitude, c’est normal ?',
      '{sav} bonjour, la garantie de la {product} couvre-t-elle le revêtement ?',
      '{sav} vous livrez en Belgique ? Je cherche le {product}',
      '{sav} le couvercle de mon {product} ferme mal depuis peu, que faire ?',
      '{sav} quel est le délai pour un retour SAV ? {product} acheté {shop}',
      '{sav} est-ce que le {product} fonctionne sur induction ?',
      '{sav} j’ai perdu la notice du {product}, elle est en ligne ?',
    ],
    praise: [
      '10 ans que j’ai ma {product}, toujours impeccable. Merci {brand} {posEmoji}',
      'Le SAV {brand} au top, pièce reçue en 48h',
      'Franchement le {product} a changé ma vie de parent pressé',
      'Meilleur achat de l’année : le {product}. Solide et beau',
      '{brand} c’est du solide, ma {product} a survécu à trois déménagements',
      'Très contente du {product}, simple et rapide {posEmoji}',
      'Le {product} mérite sa réputation, bravo {brand}',
    ],
    complaint: [
      '{sav} trois semaines pour un joint de {product}, c’est long…',
      'Un peu déçue par le {product}, la poignée chauffe pas mal',
      '{brand} le {product} est beau mais hors de prix ({price}€)',
      'Livraison du {product} en retard de 5 jours, {sav} un petit geste ?',
      'Le revêtement de ma {product} s’abîme déjà, bof {brand}',
      'Notice du {product} pas très claire pour la mise en pression {sav}',
    ],
    giveaway: [
      'Je participe ! {brand} croisons les doigts 🤞 #concours',
      'Concours {brand} : je tente ma chance pour la cocotte #concours',
      'Trop envie de gagner la cocotte {brand} 🤞 @{friend} @{friend}',
    ],
    reply: [
      'Trop bonne idée, je fais pareil avec mon {product}',
      'Il a l’air trop bon ! C’est quel modèle ton {product} ?',
      'Pareil, le {product} c’est la vie {posEmoji}',
      'Tu le laisses combien de temps dans le {product} ?',
    ],
  },
  en: {
    recipe: [
      'Made {dish} in {minutes} minutes in my {product} {posEmoji}',
      '{dish} tonight in the {product}, house smells amazing {tag}',
      'Meal prep Sunday: {dish} in the {product}. So easy',
      'Tried the {dish} recipe from the {brand} booklet, {who} loved it',
      'Anyone have a good {dish} recipe for the {product}?',
      'First {dish} in my new {product}, honestly impressed',
      'Quick {dish} in the {product}, {minutes} min at pressure and done {tag}',
    ],
    purchase: [
      'Finally bought the {product} ({price}€ {shop}) {posEmoji}',
      'Torn between the {product} and an electric multicooker, thoughts? {brand}',
      'Ordered the {product}, arriving in {city} on Thursday',
      'Got the {product} as a gift from {who}, it is gorgeous',
    ],
    question: [
      '{sav} hi, where can I buy a replacement gasket for my {product}?',
      '{sav} does the {product} work on induction hobs?',
      '{sav} my order to {city} still has not shipped, can you check?',
      '{sav} is the {product} dishwasher safe?',
      '{sav} the valve on my {product} hisses a lot, is that normal?',
    ],
    praise: [
      'Ten years with my {product} and it still looks new. Thanks {brand}',
      '{brand} customer service is excellent, part arrived in 2 days {posEmoji}',
      'Best kitchen purchase this year: the {product}',
      'The {product} really lives up to the hype {posEmoji}',
    ],
    complaint: [
      '{sav} three weeks to get a gasket for my {product}, a bit slow',
      'Slightly disappointed with the {product}, the handle gets hot',
      'The {product} is lovely but overpriced at {price}€ {brand}',
    ],
    giveaway: ['Entering the {brand} giveaway 🤞 #giveaway', 'Would love to win the {brand} pot 🤞 @{friend}'],
    reply: [
      'Great idea, I do the same in my {product}',
      'Looks delicious! Which {product} model is that?',
      'How long do you leave it in the {product}?',
    ],
  },
};

/** Posts by the brand's own accounts (promotions, recipes, giveaways, customer-service answers). */
export const BRAND_TEXTS: Readonly<Record<Lang, Readonly<Record<'promo' | 'recipe' | 'giveaway' | 'care', readonly string[]>>>> = {
  fr: {
    promo: [
      '-20% sur toute la gamme Vapeur ce week-end avec le code PRINTEMPS20 🌱 #Kerlann',
      'Nouveau coloris Bleu Iroise pour la cocotte Kerlann Fonte 24 cm, disponible dès aujourd’hui #Kerlann',
      'Nos autocuiseurs Vapeur 6L sont fabriqués à Quimper depuis 1987. Visite de l’atelier en vidéo #Kerlann',
    ],
    recipe: [
      'Recette de la semaine : {dish} à l’autocuiseur Kerlann Vapeur 6L, {minutes} min sous pression #recette #Kerlann',
      'Astuce du chef : saisir la viande avant de fermer le couvercle de votre Kerlann Vapeur 6L #Kerlann',
    ],
    giveaway: [
      '🎁 CONCOURS 🎁 Une cocotte Kerlann Fonte 24 cm à gagner ! RT + follow @KerlannFR, tirage dimanche #concours #Kerlann',
    ],
    care: [
      'Bonjour, désolés pour ce souci. Pouvez-vous nous envoyer votre numéro de commande en message privé ? L’équipe SAV Kerlann',
      'Bonjour ! Oui, tous nos produits Kerlann sont compatibles induction. Bonne cuisine 🙂',
      'Bonjour, les pièces de rechange Kerlann sont sur notre site, rubrique SAV. Belle journée',
      'Merci pour votre message 🙏 Nous regardons cela et revenons vers vous rapidement. L’équipe Kerlann',
    ],
  },
  en: {
    promo: ['20% off the whole Vapeur range this weekend with code SPRING20 🌱 #Kerlann'],
    recipe: ['Recipe of the week: {dish} in the Kerlann Vapeur 6L, {minutes} min at pressure #recipe #Kerlann'],
    giveaway: ['🎁 GIVEAWAY 🎁 Win a Kerlann cast iron pot! RT + follow @kerlann, winner picked Sunday #giveaway #Kerlann'],
    care: [
      'Hi, sorry about this. Could you DM us your order number? Kerlann customer care',
      'Hi! Yes, all Kerlann cookware works on induction. Happy cooking 🙂',
    ],
  },
};

/** Posts about things called Kerlan (a place, a footballer, a teacher) or Ker Lann: not about the brand. */
export const NOISE_TEXTS: Readonly<Record<Lang, readonly string[]>> = {
  fr: [
    'Balade à la pointe de Kerlan ce matin, magnifique 🌊',
    'RDV au lieu-dit Kerlan pour le fest-noz samedi soir',
    'Campus de Ker Lann : journée portes ouvertes samedi',
    'Mme Kerlan, ma prof de maths de 4e, une légende',
    'Le manoir de Kerlan est à vendre, quelqu’un a vu le prix ?',
    'Bouchon sur la route de Kerlan, évitez le secteur',
    'Mathis Kerlan titulaire ce week-end ? Le coach a intérêt',
    'Crêperie de Kerlan, meilleures galettes du Finistère, point',
    'Stage à Ker Lann la semaine prochaine, quelqu’un connaît le coin ?',
    'Marché de Kerlan ce dimanche, producteurs locaux 🥕',
  ],
  en: [
    'Just visited Kerlan beach in Brittany, stunning 🌊',
    'Mathis Kerlan with another assist, what a season',
    'Staying near Kerlan for the week, any tips?',
  ],
};

/** The evening a footballer called Kerlan scores: a burst of posts that a broad rule catches. */
export const FOOTBALL_TEXTS: readonly string[] = [
  'BUUUUT de Mathis Kerlan !!! ⚽🔥',
  'Kerlan à la 89e, quelle frappe',
  'Mathis Kerlan homme du match, évidemment',
  'KERLAN KERLAN KERLAN ⚽',
  'Le but de Kerlan ce soir, on en parle ?',
  'What a goal by Mathis Kerlan ⚽',
];
