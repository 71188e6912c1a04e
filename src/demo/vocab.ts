/** The slots the text templates draw from, per language. */
export type Lang = 'fr' | 'en';
export type Slots = Readonly<Record<string, readonly string[]>>;

const COMMON = {
  lotRecalled: ['KV6-2510', 'KV6-2511'],
  lotOther: ['KV6-2509', 'KV6-2512', 'KV6-2508', 'KV6-2601'],
  minutes: ['8', '10', '12', '15', '18', '20', '25', '30', '35', '40', '45'],
  price: ['79', '89', '99', '109', '119', '129', '149'],
  n: ['2', '3', '4', '5', '6', '8', '10'],
};

export const SLOTS: Readonly<Record<Lang, Slots>> = {
  fr: {
    ...COMMON,
    brand: ['@KerlannFR', '@KerlannFR', 'Kerlann', 'Kerlann', '#Kerlann', '@kerlann', 'kerlann', 'KERLANN'],
    sav: ['@KerlannSAV', '@KerlannFR', '@KerlannSAV'],
    product: [
      'autocuiseur Kerlann', 'Kerlann Vapeur 6L', 'autocuiseur Vapeur 6L', 'cocotte Kerlann', 'poêle Kerlann',
      'Kerlann Vapeur 8L', 'cocotte en fonte Kerlann', 'sauteuse Kerlann', 'faitout Kerlann', 'Vapeur 6L de Kerlann',
    ],
    cooker: ['autocuiseur Kerlann', 'Kerlann Vapeur 6L', 'autocuiseur Vapeur 6L', 'Vapeur 6L Kerlann', 'autocuiseur Vapeur 6L de Kerlann'],
    dish: [
      'pot-au-feu', 'blanquette', 'bœuf bourguignon', 'risotto', 'soupe de légumes', 'dahl de lentilles corail',
      'petit salé aux lentilles', 'curry de pois chiches', 'osso buco', 'poule au pot', 'chili sin carne',
      'daube provençale', 'potée', 'tajine de poulet', 'cassoulet', "soupe à l'oignon", 'joue de bœuf',
      'riz au lait', 'velouté de potiron', 'haricots coco', 'kig ha farz', 'couscous', 'navarin d’agneau',
    ],
    city: [
      'Brest', 'Quimper', 'Rennes', 'Nantes', 'Lorient', 'Vannes', 'Lyon', 'Lille', 'Bordeaux', 'Toulouse',
      'Marseille', 'Paris', 'Strasbourg', 'Montpellier', 'Saint-Brieuc', 'Angers', 'Caen', 'Dijon', 'Tours',
    ],
    shop: ['sur leur site', 'en grande surface', 'en solde', 'sur une marketplace', 'au magasin du coin', 'en promo'],
    when: ['ce midi', 'ce soir', 'hier soir', 'dimanche', 'ce matin', 'tout à l’heure', 'samedi midi'],
    who: ['ma mère', 'mon fils', 'ma fille', 'mon mari', 'ma femme', 'ma sœur', 'mon coloc', 'mon père', 'ma voisine'],
    posEmoji: ['😍', '👌', '🙌', '😋', '👍', '❤️', '✨', '🥰', '💯', '🍲'],
    negEmoji: ['😡', '🤬', '😱', '😤', '💥', '🚨', '⚠️', '👎', '🤕', '😠'],
    tag: ['#recette', '#batchcooking', '#cuisine', '#faitmaison', '#autocuiseur', '#cuisinemaison', '#Kerlann'],
    crisisTag: ['#KerlannGate', '#Kerlann', '#rappel', '#BoycottKerlann', '#KerlannGate', '#securite', '#conso'],
  },
  en: {
    ...COMMON,
    brand: ['@kerlann', '@kerlann', 'Kerlann', 'Kerlann', '#Kerlann', 'kerlann', 'KERLANN'],
    sav: ['@kerlann', '@KerlannSAV'],
    product: [
      'Kerlann pressure cooker', 'Kerlann Vapeur 6L', 'Vapeur 6L', 'Kerlann dutch oven', 'Kerlann skillet',
      'Kerlann Vapeur 8L', 'Kerlann cast iron pot', 'Kerlann saute pan',
    ],
    cooker: ['Kerlann pressure cooker', 'Kerlann Vapeur 6L', 'Vapeur 6L pressure cooker', 'Kerlann Vapeur 6L cooker'],
    dish: [
      'beef stew', 'chickpea curry', 'risotto', 'chili', 'pulled pork', 'bone broth', 'lentil soup', 'pot roast',
      'black beans', 'short ribs', 'chicken tikka', 'mac and cheese', 'french onion soup', 'dal', 'ramen broth',
    ],
    city: ['London', 'Manchester', 'Dublin', 'Montreal', 'Brussels', 'Geneva', 'Leeds', 'Bristol', 'Toronto', 'Cork'],
    shop: ['online', 'on sale', 'from their website', 'at the department store', 'second hand', 'with a voucher'],
    when: ['tonight', 'last night', 'this morning', 'at lunch', 'on Sunday', 'an hour ago', 'yesterday'],
    who: ['my mum', 'my son', 'my daughter', 'my husband', 'my wife', 'my sister', 'my flatmate', 'my dad'],
    posEmoji: ['😍', '👌', '🙌', '😋', '👍', '❤️', '✨', '🥰', '💯', '🍲'],
    negEmoji: ['😡', '🤬', '😱', '😤', '💥', '🚨', '⚠️', '👎', '🤕', '😠'],
    tag: ['#recipe', '#batchcooking', '#homecooking', '#pressurecooker', '#dinner', '#mealprep', '#Kerlann'],
    crisisTag: ['#KerlannGate', '#Kerlann', '#recall', '#ProductSafety', '#KerlannGate', '#BoycottKerlann'],
  },
};
