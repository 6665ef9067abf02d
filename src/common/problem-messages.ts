/**
 * The API's field problems in the person's language (issue 14, item 6). A problem stays in English in `problem`
 * (the stable, documented shape clients match on); `message` says the same in the language the request asks for
 * (`Accept-Language`, else the signed-in person's language). Pure: no Nest, no database.
 *
 * Each entry matches one English problem — class-validator's default messages and the domain's own problems the
 * pages show — and renders it with the numbers and values it carries. A problem without an entry keeps its English
 * text as its message, so a new problem is never lost, only untranslated (add a line here).
 */
export const API_LANGUAGES = ['en', 'nl', 'fr', 'es'] as const;
export type ApiLanguage = (typeof API_LANGUAGES)[number];

type Render = (m: RegExpMatchArray) => string;
interface Entry {
  pattern: RegExp;
  nl: Render;
  fr: Render;
  es: Render;
}

const each = { nl: 'elke waarde', fr: 'chaque valeur', es: 'cada valor' };

const ENTRIES: Entry[] = [
  { pattern: /^must be longer than or equal to (\d+) and shorter than or equal to (\d+) characters$/, nl: (m) => `moet ${m[1]} tot ${m[2]} tekens lang zijn`, fr: (m) => `doit contenir entre ${m[1]} et ${m[2]} caractères`, es: (m) => `debe tener entre ${m[1]} y ${m[2]} caracteres` },
  { pattern: /^must be longer than or equal to (\d+) characters$/, nl: (m) => (m[1] === '1' ? 'mag niet leeg zijn' : `moet minstens ${m[1]} tekens lang zijn`), fr: (m) => (m[1] === '1' ? 'ne doit pas être vide' : `doit contenir au moins ${m[1]} caractères`), es: (m) => (m[1] === '1' ? 'no puede estar vacío' : `debe tener al menos ${m[1]} caracteres`) },
  { pattern: /^must be shorter than or equal to (\d+) characters$/, nl: (m) => `mag hoogstens ${m[1]} tekens lang zijn`, fr: (m) => `doit contenir au plus ${m[1]} caractères`, es: (m) => `debe tener como máximo ${m[1]} caracteres` },
  { pattern: /^must be at most (\d+) characters$/, nl: (m) => `mag hoogstens ${m[1]} tekens lang zijn`, fr: (m) => `doit contenir au plus ${m[1]} caractères`, es: (m) => `debe tener como máximo ${m[1]} caracteres` },
  { pattern: /^must be (\d+) to (\d+) characters$/, nl: (m) => `moet ${m[1]} tot ${m[2]} tekens lang zijn`, fr: (m) => `doit contenir entre ${m[1]} et ${m[2]} caractères`, es: (m) => `debe tener entre ${m[1]} y ${m[2]} caracteres` },
  { pattern: /^must not be blank$/, nl: () => 'mag niet leeg zijn', fr: () => 'ne doit pas être vide', es: () => 'no puede estar vacío' },
  { pattern: /^should not be empty$/, nl: () => 'mag niet leeg zijn', fr: () => 'ne doit pas être vide', es: () => 'no puede estar vacío' },
  { pattern: /^must be a string$/, nl: () => 'moet tekst zijn', fr: () => 'doit être un texte', es: () => 'debe ser un texto' },
  { pattern: /^must be one of the following values: (.*)$/, nl: (m) => `moet een van deze waarden zijn: ${m[1]}`, fr: (m) => `doit être l’une de ces valeurs : ${m[1]}`, es: (m) => `debe ser uno de estos valores: ${m[1]}` },
  { pattern: /^must be an array$/, nl: () => 'moet een lijst zijn', fr: () => 'doit être une liste', es: () => 'debe ser una lista' },
  { pattern: /^must contain at least (\d+) elements?$/, nl: (m) => `moet minstens ${m[1]} ${m[1] === '1' ? 'waarde' : 'waarden'} bevatten`, fr: (m) => `doit contenir au moins ${m[1]} valeur${m[1] === '1' ? '' : 's'}`, es: (m) => `debe contener al menos ${m[1]} valor${m[1] === '1' ? '' : 'es'}` },
  { pattern: /^must contain no more than (\d+) elements?$/, nl: (m) => `mag hoogstens ${m[1]} waarden bevatten`, fr: (m) => `doit contenir au plus ${m[1]} valeurs`, es: (m) => `debe contener como máximo ${m[1]} valores` },
  { pattern: /^must be an integer number$/, nl: () => 'moet een geheel getal zijn', fr: () => 'doit être un nombre entier', es: () => 'debe ser un número entero' },
  { pattern: /^must be a number conforming to the specified constraints$/, nl: () => 'moet een getal zijn', fr: () => 'doit être un nombre', es: () => 'debe ser un número' },
  { pattern: /^must not be less than (-?[\d.]+)$/, nl: (m) => `mag niet kleiner zijn dan ${m[1]}`, fr: (m) => `ne doit pas être inférieur à ${m[1]}`, es: (m) => `no puede ser menor que ${m[1]}` },
  { pattern: /^must not be greater than (-?[\d.]+)$/, nl: (m) => `mag niet groter zijn dan ${m[1]}`, fr: (m) => `ne doit pas être supérieur à ${m[1]}`, es: (m) => `no puede ser mayor que ${m[1]}` },
  { pattern: /^must be a UUID$/, nl: () => 'moet een geldige id (UUID) zijn', fr: () => 'doit être un identifiant valide (UUID)', es: () => 'debe ser un identificador válido (UUID)' },
  { pattern: /^must be an email( address)?$/, nl: () => 'moet een e-mailadres zijn', fr: () => 'doit être une adresse e-mail', es: () => 'debe ser una dirección de correo electrónico' },
  { pattern: /^must be a boolean value$/, nl: () => 'moet ja of nee zijn (true/false)', fr: () => 'doit être vrai ou faux (true/false)', es: () => 'debe ser verdadero o falso (true/false)' },
  { pattern: /^must be an object$|^must be a JSON object$/, nl: () => 'moet een object zijn', fr: () => 'doit être un objet', es: () => 'debe ser un objeto' },
  { pattern: /^must be a valid ISO 8601 date string$|^must be a date written as YYYY-MM-DD$/, nl: () => 'moet een datum zijn (JJJJ-MM-DD)', fr: () => 'doit être une date (AAAA-MM-JJ)', es: () => 'debe ser una fecha (AAAA-MM-DD)' },
  { pattern: /^must match .* regular expression$/, nl: () => 'heeft niet de juiste vorm', fr: () => 'n’a pas la forme attendue', es: () => 'no tiene el formato esperado' },
  { pattern: /^(is|should) not (be )?allowed$|^should not exist$/, nl: () => 'is hier niet toegestaan', fr: () => 'n’est pas autorisé ici', es: () => 'no está permitido aquí' },
  { pattern: /^is required$/, nl: () => 'is verplicht', fr: () => 'est obligatoire', es: () => 'es obligatorio' },
  { pattern: /^is not valid JSON$/, nl: () => 'is geen geldige JSON', fr: () => 'n’est pas un JSON valide', es: () => 'no es un JSON válido' },
  { pattern: /^is empty$/, nl: () => 'is leeg', fr: () => 'est vide', es: () => 'está vacío' },
  { pattern: /^is too large$/, nl: () => 'is te groot', fr: () => 'est trop volumineux', es: () => 'es demasiado grande' },
  { pattern: /^(each value )?must be an ISO 3166-1 alpha-2 code in capitals$|^is not an ISO 3166-1 alpha-2 country code$|^must be (an )?ISO 3166-1 alpha-2 country codes?( such as CD)?$/, nl: () => 'moet een landcode van twee hoofdletters zijn (ISO 3166-1, bijv. CD)', fr: () => 'doit être un code pays de deux majuscules (ISO 3166-1, p. ex. CD)', es: () => 'debe ser un código de país de dos mayúsculas (ISO 3166-1, p. ej. BO)' },
  { pattern: /^must be valid Unicode text \(it holds an unpaired surrogate\)$/, nl: () => 'is geen geldige Unicode-tekst', fr: () => 'n’est pas un texte Unicode valide', es: () => 'no es un texto Unicode válido' },
  { pattern: /^must not contain a NUL character$|^contains control characters$/, nl: () => 'bevat niet-toegestane tekens', fr: () => 'contient des caractères non autorisés', es: () => 'contiene caracteres no permitidos' },
  { pattern: /^is a hyperlink; only plain text is accepted$/, nl: () => 'is een hyperlink; alleen gewone tekst is toegestaan', fr: () => 'est un lien ; seul du texte simple est accepté', es: () => 'es un enlace; solo se acepta texto simple' },
  // art. 22 (issue 14, "Bad input")
  { pattern: /^name at least one country or region( \(art\. 22: the data relevant to the risk found\))?$/, nl: (m) => `noem minstens één land of regio${m[1] ? ' (art. 22: de gegevens die relevant zijn voor het gevonden risico)' : ''}`, fr: (m) => `indiquez au moins un pays ou une région${m[1] ? ' (art. 22 : les données utiles au risque constaté)' : ''}`, es: (m) => `indique al menos un país o una región${m[1] ? ' (art. 22: los datos relevantes para el riesgo encontrado)' : ''}` },
  { pattern: /^name at least one raw material or activity type \(art\. 22: the data relevant to the risk found\)$/, nl: () => 'noem minstens één grondstof of soort activiteit (art. 22: de gegevens die relevant zijn voor het gevonden risico)', fr: () => 'indiquez au moins une matière première ou un type d’activité (art. 22 : les données utiles au risque constaté)', es: () => 'indique al menos una materia prima o un tipo de actividad (art. 22: los datos relevantes para el riesgo encontrado)' },
  { pattern: /^must be a local partner affiliated to your organisation \(art\. 22\)$/, nl: () => 'moet een lokale partner zijn die aan uw organisatie verbonden is (art. 22)', fr: () => 'doit être un partenaire local affilié à votre organisation (art. 22)', es: () => 'debe ser un socio local afiliado a su organización (art. 22)' },
  { pattern: /^must name the local partner or affiliated union you file for \(art\. 22\)$/, nl: () => 'noem de lokale partner of verbonden vakbond waarvoor u indient (art. 22)', fr: () => 'indiquez le partenaire local ou le syndicat affilié pour lequel vous déposez la demande (art. 22)', es: () => 'indique el socio local o el sindicato afiliado por el que presenta la solicitud (art. 22)' },
  { pattern: /^is only for an NGO or union party filing for its partner$/, nl: () => 'geldt alleen voor een ngo of vakbond die voor haar partner indient', fr: () => 'réservé à une ONG ou un syndicat partie qui dépose pour son partenaire', es: () => 'solo para una ONG o un sindicato parte que presenta por su socio' },
  { pattern: /^is not one of your entries in this case$/, nl: () => 'is geen van uw regels in deze zaak', fr: () => 'n’est pas l’une de vos entrées dans ce dossier', es: () => 'no es una de sus entradas en este caso' },
  { pattern: /^is not an entry disclosed in this case$/, nl: () => 'is geen regel die in deze zaak is gedeeld', fr: () => 'n’est pas une entrée communiquée dans ce dossier', es: () => 'no es una entrada comunicada en este caso' },
];

/** `problem` (English) in `language`; the English text itself when it has no entry or the language is English. */
export function problemMessage(problem: string, language: ApiLanguage): string {
  if (language === 'en') return problem;
  const eachPrefix = /^each value in \S+ (.*)$/.exec(problem);
  const core = eachPrefix ? eachPrefix[1] : problem;
  for (const entry of ENTRIES) {
    const m = core.match(entry.pattern);
    if (m) return eachPrefix ? `${each[language]}: ${entry[language](m)}` : entry[language](m);
  }
  return problem;
}

/**
 * The language an answer speaks: the first supported language of `Accept-Language` (by its q-values), else the
 * person's own language, else English.
 */
export function answerLanguage(acceptLanguage: string | undefined, personLanguage?: string | null): ApiLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.base && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((x) => (API_LANGUAGES as readonly string[]).includes(x.base));
  if (hit) return hit.base as ApiLanguage;
  return (API_LANGUAGES as readonly string[]).includes(personLanguage ?? '') ? (personLanguage as ApiLanguage) : 'en';
}
