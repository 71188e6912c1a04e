/**
 * A built-in list of regulators and public authorities a brand in crisis hears from: French, EU,
 * UK and US consumer, competition, data-protection, telecoms, finance, health and product-safety
 * bodies. Handles are given lowercase without "@", as these bodies are known to use them; they
 * change rarely but do change, so a deployment can add its own in `understand.stakeholders.regulators`
 * (or turn this list off with `builtInRegulators: false`). A name is matched against the author's
 * whole display name (acronyms) or contained in it (full names of 12 characters or more).
 */

export interface Regulator {
  /** Short label shown in the reason, e.g. "CNIL". */
  label: string;
  handles: readonly string[];
  names: readonly string[];
}

export const REGULATORS: readonly Regulator[] = [
  // France
  { label: 'CNIL', handles: ['cnil'], names: ['CNIL', "Commission nationale de l'informatique et des libertés"] },
  {
    label: 'DGCCRF',
    handles: ['dgccrf', 'signalconso'],
    names: ['DGCCRF', 'SignalConso', 'Direction générale de la concurrence, de la consommation et de la répression des fraudes'],
  },
  { label: 'Arcep', handles: ['arcep'], names: ['Arcep', 'Autorité de régulation des communications électroniques'] },
  { label: 'Arcom', handles: ['arcom_fr'], names: ['Arcom', 'Autorité de régulation de la communication audiovisuelle et numérique'] },
  { label: 'AMF', handles: ['amffrance'], names: ['AMF', 'Autorité des marchés financiers'] },
  { label: 'ACPR', handles: ['acpr_banquefrance'], names: ['ACPR', 'Autorité de contrôle prudentiel et de résolution'] },
  { label: 'ANSM', handles: ['ansm'], names: ['ANSM', 'Agence nationale de sécurité du médicament'] },
  { label: 'Anses', handles: ['anses_fr'], names: ['Anses', "Agence nationale de sécurité sanitaire de l'alimentation"] },
  { label: 'Autorité de la concurrence', handles: ['adlc_'], names: ['Autorité de la concurrence'] },
  { label: 'CRE', handles: ['cre_energie'], names: ["Commission de régulation de l'énergie"] },
  { label: 'Rappel Conso', handles: ['rappelconso'], names: ['RappelConso', 'Rappel Conso'] },
  // European Union
  { label: 'European Commission', handles: ['eu_commission', 'eu_competition', 'eu_consumer'], names: ['European Commission', 'Commission européenne', 'EU Commission'] },
  { label: 'EDPB', handles: ['edpb_edps', 'eu_edpb'], names: ['EDPB', 'European Data Protection Board'] },
  { label: 'ESMA', handles: ['esma_eu'], names: ['ESMA', 'European Securities and Markets Authority'] },
  { label: 'EBA', handles: ['eba_news'], names: ['European Banking Authority'] },
  { label: 'EFSA', handles: ['efsa_eu'], names: ['EFSA', 'European Food Safety Authority'] },
  // United Kingdom
  { label: 'CMA', handles: ['cmagovuk'], names: ['CMA', 'Competition and Markets Authority'] },
  { label: 'ICO', handles: ['iconews'], names: ['ICO', "Information Commissioner's Office"] },
  { label: 'Ofcom', handles: ['ofcom'], names: ['Ofcom'] },
  { label: 'ASA', handles: ['asa_uk'], names: ['ASA', 'Advertising Standards Authority'] },
  { label: 'FCA', handles: ['thefca'], names: ['FCA', 'Financial Conduct Authority'] },
  { label: 'Ofgem', handles: ['ofgem'], names: ['Ofgem'] },
  { label: 'Ofwat', handles: ['ofwat'], names: ['Ofwat'] },
  { label: 'MHRA', handles: ['mhragovuk'], names: ['MHRA', 'Medicines and Healthcare products Regulatory Agency'] },
  { label: 'Food Standards Agency', handles: ['foodgov'], names: ['Food Standards Agency'] },
  { label: 'OPSS', handles: ['officeforproductsafety'], names: ['OPSS', 'Office for Product Safety and Standards'] },
  // United States
  { label: 'FTC', handles: ['ftc'], names: ['FTC', 'Federal Trade Commission'] },
  { label: 'FDA', handles: ['us_fda', 'fdarecalls'], names: ['FDA', 'U.S. FDA', 'Food and Drug Administration'] },
  { label: 'CPSC', handles: ['uscpsc'], names: ['CPSC', 'US CPSC', 'Consumer Product Safety Commission'] },
  { label: 'SEC', handles: ['secgov'], names: ['SEC', 'Securities and Exchange Commission'] },
  { label: 'CFPB', handles: ['cfpb'], names: ['CFPB', 'Consumer Financial Protection Bureau'] },
  { label: 'FCC', handles: ['fcc'], names: ['FCC', 'Federal Communications Commission'] },
  { label: 'NHTSA', handles: ['nhtsagov'], names: ['NHTSA', 'National Highway Traffic Safety Administration'] },
  { label: 'EPA', handles: ['epa'], names: ['EPA', 'Environmental Protection Agency'] },
  { label: 'FAA', handles: ['faanews'], names: ['FAA', 'Federal Aviation Administration'] },
];

/**
 * Government servers and sites: a Mastodon account on such a server, or a bio linking to one,
 * speaks for a public authority (France `gouv.fr`, US `.gov`, UK `gov.uk`, EU `europa.eu`).
 */
export const GOVERNMENT_DOMAIN = /(?:^|[^a-z0-9-])((?:[a-z0-9-]+\.)+(?:gouv\.fr|gov\.uk|gov|europa\.eu))(?![a-z0-9-]|\.[a-z])/;

/** A server name (the part after "@" of a Mastodon handle) that is a government one. */
export const GOVERNMENT_SERVER = /(?:^|\.)(?:gouv\.fr|gov\.uk|gov|europa\.eu)$/;
