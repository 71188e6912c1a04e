/**
 * Test support: a small labelled corpus written for the tests (not taken from the project
 * corpora), in French and English, every category plus `none`, with invented brands. Each
 * template is used with several brands, so a model trained on it has something to learn and
 * cross-validation has every kind in every fold.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Template = readonly [categories: readonly string[], text: string];

const EN: readonly Template[] = [
  [['product_defect'], 'My {b} kettle stopped working after two weeks, total junk'],
  [['product_defect'], 'The {b} headphones arrived broken and the left side has no sound'],
  [['product_safety'], 'My {b} charger caught fire overnight, the wall is burnt'],
  [['product_safety'], 'Found glass in my {b} yoghurt, my son could have been hurt'],
  [['service_outage'], '{b} app is down again, cannot log in since this morning'],
  [['service_outage'], 'Is {b} down for everyone? No internet in the whole city'],
  [['customer_service'], 'Three weeks waiting for a reply from {b} customer service, still nothing'],
  [['customer_service'], '{b} support hung up on me twice and refused my refund'],
  [['conduct'], 'The {b} CEO called customers idiots on live TV, disgusting remarks'],
  [['conduct'], 'A {b} manager was filmed harassing a cashier, the video is everywhere'],
  [['campaign'], 'That new {b} advert is sexist and tone deaf, pull the ad now'],
  [['campaign'], 'The {b} billboard campaign is pure greenwashing and misleading'],
  [['data_breach'], '{b} got hacked and our personal data leaked online'],
  [['data_breach'], 'Phishing text pretending to be {b} asking for my password'],
  [['legal'], '{b} hit with a class action lawsuit over the faulty boilers'],
  [['legal'], 'Regulator fines {b} after an investigation into its contracts'],
  [['pricing'], '{b} raised prices again, a 20% price hike for the same plan'],
  [['pricing'], '{b} charged me twice this month and added hidden fees'],
  [['boycott'], 'Boycott {b} until they stop funding deforestation, sign the petition'],
  [['boycott'], 'Protesters outside {b} today, everyone should stop buying from them'],
  [['product_safety', 'product_defect'], 'The {b} battery swelled and exploded while charging, faulty unit'],
  [['service_outage', 'customer_service'], '{b} outage all day and customer service never answered'],
  [['none'], 'Just bought new shoes from {b}, really comfy, love them'],
  [['none'], 'Does {b} deliver on Sundays? Thinking of ordering'],
  [['none'], 'Great coffee at {b} this morning, the staff were lovely'],
  [['none'], '{b} opens a new shop in the town centre next week'],
];

const FR: readonly Template[] = [
  [['product_defect'], 'Ma bouilloire {b} ne marche plus après deux semaines, de la camelote'],
  [['product_defect'], 'Casque {b} arrivé cassé, plus de son à gauche'],
  [['product_safety'], 'Le chargeur {b} a pris feu cette nuit, le mur est brûlé'],
  [['product_safety'], 'Du verre dans mon yaourt {b}, mon fils aurait pu se blesser'],
  [['service_outage'], "L'appli {b} est en panne, impossible de se connecter depuis ce matin"],
  [['service_outage'], 'Panne {b} chez tout le monde ? Plus de réseau dans toute la ville'],
  [['customer_service'], 'Trois semaines sans réponse du service client {b}, toujours rien'],
  [['customer_service'], 'Le SAV {b} m a raccroché au nez et refuse le remboursement'],
  [['conduct'], 'Le PDG de {b} traite les clients d idiots à la télé, propos honteux'],
  [['conduct'], 'Un manager {b} filmé en train de harceler une caissière'],
  [['campaign'], 'La nouvelle pub {b} est sexiste et de mauvais goût, retirez-la'],
  [['campaign'], 'La campagne publicitaire {b} c est du greenwashing trompeur'],
  [['data_breach'], '{b} piraté, fuite de données personnelles de millions de clients'],
  [['data_breach'], 'Faux SMS au nom de {b} qui demande mon mot de passe, phishing'],
  [['legal'], 'Action de groupe contre {b} devant le tribunal pour tromperie'],
  [['legal'], 'La DGCCRF inflige une amende à {b} après une enquête'],
  [['pricing'], '{b} augmente encore ses prix, hausse de 20% pour le même forfait'],
  [['pricing'], '{b} m a prélevé deux fois ce mois-ci avec des frais cachés'],
  [['boycott'], 'Boycott de {b} tant qu ils financent la déforestation, signez la pétition'],
  [['boycott'], 'Manifestation devant {b} aujourd hui, n achetez plus chez eux'],
  [['product_safety', 'product_defect'], 'La batterie {b} a gonflé puis explosé en charge, appareil défectueux'],
  [['service_outage', 'customer_service'], 'Panne {b} toute la journée et le service client ne répond jamais'],
  [['none'], 'Nouvelles chaussures {b}, super confortables, je les adore'],
  [['none'], '{b} livre le dimanche ? Je pense commander'],
  [['none'], 'Bon café chez {b} ce matin, équipe adorable'],
  [['none'], '{b} ouvre une nouvelle boutique en centre-ville la semaine prochaine'],
];

const BRANDS = ['Zorbix', 'Quillon', 'Maravel', 'Tesseni', 'Brundle'];

/** The fixture corpus of one language as JSONL lines, `brands` brands per template. */
export function fixtureLines(lang: 'en' | 'fr', brands = BRANDS.length, prefix = 'fx'): string[] {
  const templates = lang === 'en' ? EN : FR;
  const lines: string[] = [];
  let n = 0;
  for (let b = 0; b < brands; b++) {
    const brand = BRANDS[b % BRANDS.length] as string;
    for (const [categories, text] of templates) {
      n++;
      lines.push(JSON.stringify({ id: `${prefix}-${lang}-${n}`, lang, brand, text: text.replaceAll('{b}', brand), categories, sentiment: categories[0] === 'none' ? 'positive' : 'negative' }));
    }
  }
  return lines;
}

/** A temp folder with train-en.jsonl and train-fr.jsonl (and eval-en.jsonl, which training must ignore). */
export function writeFixtureCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-categories-'));
  writeFileSync(join(dir, 'train-en.jsonl'), `${fixtureLines('en', 4, 'tr').join('\n')}\n`);
  writeFileSync(join(dir, 'train-fr.jsonl'), `${fixtureLines('fr', 4, 'tr').join('\n')}\n`);
  writeFileSync(join(dir, 'eval-en.jsonl'), '{"this file": "must not be read by training"}\n');
  return dir;
}
