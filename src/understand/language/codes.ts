/**
 * ISO 639-1 language codes: the full list (to validate what users give: `--lang`, label files,
 * brand languages) and English names of the languages the detector knows, for reports.
 */

const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en ' +
    'eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ' +
    'ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ' +
    'ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st ' +
    'su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

/** True for a lower-case two-letter ISO 639-1 code (`fr`, `en`…). */
export function isIso6391(code: string): boolean {
  return ISO_639_1.has(code);
}

/**
 * Reads a language code as people write it: trimmed, any case, an optional region or script
 * after `-` or `_` (`fr-FR`, `pt_BR`, `zh-Hans` → `fr`, `pt`, `zh`). Undefined when the base is
 * not an ISO 639-1 code (three-letter codes such as `fra` included: they are not guessed).
 */
export function parseLanguageCode(raw: string): string | undefined {
  const m = /^([A-Za-z]{2})(?:[-_][A-Za-z0-9]{2,8})*$/.exec(raw.trim());
  if (m === null) return undefined;
  const base = (m[1] as string).toLowerCase();
  return ISO_639_1.has(base) ? base : undefined;
}

/** English names of the languages the detector identifies (the 60 of its model). */
export const LANGUAGE_NAMES: ReadonlyMap<string, string> = new Map([
  ['am', 'Amharic'], ['ar', 'Arabic'], ['az', 'Azerbaijani'], ['be', 'Belarusian'], ['bg', 'Bulgarian'], ['bn', 'Bengali'],
  ['ca', 'Catalan'], ['cs', 'Czech'], ['da', 'Danish'], ['de', 'German'], ['el', 'Greek'], ['en', 'English'], ['es', 'Spanish'],
  ['et', 'Estonian'], ['eu', 'Basque'], ['fa', 'Persian'], ['fi', 'Finnish'], ['fr', 'French'], ['gu', 'Gujarati'],
  ['he', 'Hebrew'], ['hi', 'Hindi'], ['hr', 'Croatian'], ['hu', 'Hungarian'], ['hy', 'Armenian'], ['is', 'Icelandic'],
  ['it', 'Italian'], ['ja', 'Japanese'], ['ka', 'Georgian'], ['kn', 'Kannada'], ['ko', 'Korean'], ['ku', 'Kurdish'],
  ['lo', 'Lao'], ['lt', 'Lithuanian'], ['lv', 'Latvian'], ['ml', 'Malayalam'], ['mr', 'Marathi'], ['ms', 'Malay'],
  ['nl', 'Dutch'], ['no', 'Norwegian'], ['or', 'Oriya'], ['pa', 'Punjabi'], ['pl', 'Polish'], ['pt', 'Portuguese'],
  ['ro', 'Romanian'], ['ru', 'Russian'], ['sk', 'Slovak'], ['sl', 'Slovene'], ['sq', 'Albanian'], ['sr', 'Serbian'],
  ['sv', 'Swedish'], ['ta', 'Tamil'], ['te', 'Telugu'], ['th', 'Thai'], ['tl', 'Tagalog'], ['tr', 'Turkish'],
  ['uk', 'Ukrainian'], ['ur', 'Urdu'], ['vi', 'Vietnamese'], ['yo', 'Yoruba'], ['zh', 'Chinese'],
]);
