import type { NewBrand } from '../domain/brand.ts';

/** The demo's invented brand: Kerlann, French cookware, maker of the Vapeur 6L pressure cooker. */
export const KERLANN: NewBrand = {
  id: 'kerlann',
  name: 'Kerlann',
  aliases: ['Kerlann Vapeur 6L', 'Vapeur 6L', 'Kerlann Cuisine'],
  handles: ['kerlann', 'KerlannFR', 'KerlannSAV'],
  keywords: ['kerlann', 'vapeur 6l', '#KerlannGate'],
  queries: [
    {
      id: 'main',
      text: '(kerlann OR @kerlann OR @KerlannFR OR @KerlannSAV OR #kerlann OR #KerlannGate OR "vapeur 6l") NOT kerlan',
      enabled: true,
    },
  ],
  languages: ['fr', 'en'],
  ownedAccounts: ['kerlann', 'KerlannFR', 'KerlannSAV'],
  employeeHandles: ['MarionLBihan', 'yann_goasdoue'],
  employeeDomains: ['kerlann.fr'],
};
