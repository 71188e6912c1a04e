/**
 * Crisis-trigger categories: what kind of trouble a mention is about. Multi-label: a post about a
 * burning pan the after-sales service refuses to replace is `product_safety` and
 * `customer_service`. `none` is exclusive: a mention with no trigger has exactly ['none'] in the
 * evaluation sets, and an empty list in the enrichment (nothing to report).
 *
 * The ids are shared with severity (src/detect/severity-options.ts) and the playbooks.
 */
export const CATEGORY_IDS = [
  'product_defect',
  'product_safety',
  'service_outage',
  'customer_service',
  'conduct',
  'campaign',
  'data_breach',
  'legal',
  'pricing',
  'boycott',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];
export const NONE = 'none';

export interface CategoryDefinition {
  id: CategoryId;
  en: string;
  fr: string;
  /** What belongs here (and what does not), for annotators and reviewers. */
  definition: string;
}

export const CATEGORIES: readonly CategoryDefinition[] = [
  {
    id: 'product_defect',
    en: 'Product defect',
    fr: 'Défaut produit',
    definition:
      'A product or delivered item does not work as it should: broken, faulty, poor quality, wrong or missing part, spoiled food, bug in an app. Not when it is dangerous (that is product_safety; a dangerous defect is both).',
  },
  {
    id: 'product_safety',
    en: 'Product safety',
    fr: 'Sécurité produit',
    definition:
      'A product harms or could harm: burn, fire, explosion, injury, poisoning, allergy, contamination, choking, recall, health scare.',
  },
  {
    id: 'service_outage',
    en: 'Service outage',
    fr: 'Panne de service',
    definition:
      'A service is down or degraded for many: app or site down, cannot log in or pay, network or power cut, delayed or cancelled trains and flights, delivery system failing.',
  },
  {
    id: 'customer_service',
    en: 'Customer-service failure',
    fr: 'Défaillance du service client',
    definition:
      'The way the company treats a customer: no answer, endless waiting, rude staff, refused refund or warranty, lost parcel not handled, promises not kept.',
  },
  {
    id: 'conduct',
    en: 'Employee or executive conduct',
    fr: "Comportement d'un salarié ou dirigeant",
    definition:
      "What a person of the company said or did: an employee's offensive post, an executive's remark, harassment, discrimination, a manager's scandal, a strike or layoffs as conduct of management.",
  },
  {
    id: 'campaign',
    en: 'Controversial campaign or advertising',
    fr: 'Campagne ou publicité controversée',
    definition:
      'An advert, slogan, packaging, influencer partnership or marketing stunt found offensive, sexist, racist, tone-deaf, misleading or greenwashing.',
  },
  {
    id: 'data_breach',
    en: 'Data breach or privacy',
    fr: 'Fuite de données ou vie privée',
    definition: 'Customer data leaked, stolen or misused: hack, breach, phishing in the brand’s name, tracking, selling data, GDPR complaint.',
  },
  {
    id: 'legal',
    en: 'Legal or regulatory',
    fr: 'Juridique ou réglementaire',
    definition:
      'Lawsuits, class actions, fines, investigations, regulators (CNIL, DGCCRF, FTC, CMA…), police, court rulings, complaints filed, non-compliance.',
  },
  {
    id: 'pricing',
    en: 'Pricing or billing',
    fr: 'Prix ou facturation',
    definition: 'Price rises, hidden fees, double charges, wrong invoices, shrinkflation, subscriptions impossible to cancel, unfair pricing.',
  },
  {
    id: 'boycott',
    en: 'Boycott or activism',
    fr: 'Boycott ou militantisme',
    definition:
      'Calls to boycott, petitions, activist campaigns, protests against the brand (environment, animal welfare, politics, labour), unsubscribe movements.',
  },
];
