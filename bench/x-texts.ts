// The pieces the ingest benchmark's posts are made of (bench/x-lines.ts): an opener naming the
// brand ({b}), or one naming none, then a middle and an ending in the same language. Any
// combination is 200–300 characters long (x-lines.test.ts checks it).

export const FR_OPENERS = [
  'Franchement {b}, ma commande est arrivée cassée et le service client ne répond pas depuis trois jours.',
  'Très déçu par {b} : livraison en retard, colis abîmé, et personne pour m’aider au téléphone ni par mail.',
  'Merci {b} pour la réponse rapide, problème réglé en dix minutes, le conseiller était génial et très pro.',
  'Quelqu’un a eu le même souci avec {b} ? L’application plante à chaque ouverture depuis la mise à jour d’hier.',
  'Je viens de tester le nouveau produit de {b} et honnêtement c’est pas mal du tout, un peu cher mais solide.',
  'Troisième fois ce mois-ci que {b} annule ma réservation sans prévenir. C’est une blague ou quoi ?',
  'Alerte : chez {b} on vous prélève deux fois le même abonnement, vérifiez vos relevés bancaires !!',
  'Bravo à l’équipe de {b} pour le geste commercial, je ne m’y attendais pas du tout après ma réclamation.',
];
export const EN_OPENERS = [
  'Honestly {b} my order arrived broken and customer service has not answered in three days. Unbelievable.',
  'Really disappointed with {b}: late delivery, damaged box, and nobody to help on the phone or by email.',
  'Thanks {b} for the quick answer, issue fixed in ten minutes, the agent was great and very professional.',
  'Anyone else having trouble with {b}? The app crashes every time I open it since yesterday’s update.',
  'Just tried the new thing from {b} and it is actually pretty good, a bit expensive but the quality is there.',
  'Third time this month {b} cancelled my booking without any notice. Is this some kind of joke?',
  'Heads up: {b} charged me twice for the same subscription, check your bank statements, people!!',
  'Credit where it is due, {b} sorted out my complaint overnight and even sent a voucher. Impressed.',
];
export const FR_MIDDLES = [
  ' Je veux un remboursement, pas des excuses toutes faites copiées-collées depuis un modèle de réponse.',
  ' J’ai envoyé trois messages privés et deux mails depuis lundi, toujours aucune réponse de leur part.',
  ' Ma sœur a eu exactement le même problème la semaine dernière avec sa commande, bizarre non ?',
  ' On verra si ça tient dans la durée, mais pour l’instant je suis plutôt content de mon achat.',
  ' Le pire c’est qu’on m’avait promis un rappel sous 48 h par un conseiller… j’attends encore.',
  ' Je ne sais pas si c’est un bug général ou juste chez moi, quelqu’un a des infos là-dessus ?',
];
export const EN_MIDDLES = [
  ' I want a refund, not another copy-pasted apology email from a bot that clearly did not read my message.',
  ' Sent three DMs and two emails since Monday, and still nothing back from anyone on their support team.',
  ' My sister had the exact same problem with her order last week, weird coincidence, right? Or not?',
  ' We will see if it lasts, but for now I am honestly quite happy with what I got for the money.',
  ' The worst part is they promised a callback from an agent within 48 hours… and I am still waiting.',
  ' Not sure if this is a general outage or just me, does anyone have any news on this one yet?',
];
export const FR_ENDINGS = [
  ' Rien à voir mais il fait beau aujourd’hui.',
  ' Bref, on verra bien demain 🙄',
  ' Toujours en attente… 😡',
  ' Au top, merci 👍',
  ' #service #client',
  ' https://t.co/Ab12Cd34Ef',
];
export const EN_ENDINGS = [
  ' Anyway, off to work now, long day ahead.',
  ' Still waiting… 😡',
  ' Top, thank you 👍',
  ' #customerservice',
  ' Oh well, we will see tomorrow 🙄',
  ' https://t.co/Ab12Cd34Ef',
];
/** Openers that name no brand: about one post in eight matches none. */
export const FR_UNMATCHED = [
  'Le match d’hier soir était incroyable, quelle fin de partie, je n’en reviens toujours pas. Vivement samedi.',
  'Recette du soir : pâtes au citron, ail et beaucoup de parmesan, on croise les doigts cette fois-ci.',
  'Grève des trains demain matin, encore une journée de télétravail en perspective pour toute l’équipe.',
];
export const EN_UNMATCHED = [
  'Last night’s game was incredible, what an ending, I still cannot believe it happened. Roll on Saturday.',
  'Cooking tonight: lemon pasta with garlic and a lot of parmesan, fingers crossed it works this time.',
  'Train strike tomorrow morning, so another day of working from home for the whole team, I guess.',
];
/** Authors' display names and usernames (a number is appended to the username). */
export const PEOPLE: readonly (readonly [string, string])[] = [
  ['Chloé Marchand', 'chloe_m'],
  ['Léa Dubois 🌸', 'lea_dbs'],
  ['Maxime Lefèvre', 'maxlefevre'],
  ['Inès Benali', 'ines_bnl'],
  ['Théo Garnier', 'theo_grn'],
  ['Sarah Cohen', 'sarahc'],
  ['Jamie O’Neill', 'jamieoneill'],
  ['Priya Raman', 'priya_r'],
  ['Tom Becker ⚽', 'tombecker'],
  ['Emma Wilson', 'emma_w'],
  ['Nicolas Roux', 'nico_roux'],
  ['Zoé Fontaine', 'zoefontaine'],
];
