import { describe, expect, it } from 'vitest';
import { answerLanguage, problemMessage } from './problem-messages.js';

describe('problem messages in the person\'s language (issue 14, item 6)', () => {
  it('renders class-validator\'s defaults with their numbers', () => {
    expect(problemMessage('must be longer than or equal to 50 characters', 'nl')).toBe('moet minstens 50 tekens lang zijn');
    expect(problemMessage('must be longer than or equal to 1 characters', 'nl')).toBe('mag niet leeg zijn');
    expect(problemMessage('must be shorter than or equal to 200 characters', 'fr')).toBe('doit contenir au plus 200 caractères');
    expect(problemMessage('each value in regions must be longer than or equal to 1 characters', 'es')).toBe('cada valor: no puede estar vacío');
    expect(problemMessage('must be one of the following values: for, against', 'nl')).toBe('moet een van deze waarden zijn: for, against');
  });
  it('renders the country-code and blank problems of the invitation, join and network forms (issue 14, "Bad input")', () => {
    expect(problemMessage('must be an ISO 3166-1 alpha-2 country code such as CD', 'fr')).toBe('doit être un code pays de deux majuscules (ISO 3166-1, p. ex. CD)');
    expect(problemMessage('each value in countries must be ISO 3166-1 alpha-2 country codes such as CD', 'nl')).toBe('elke waarde: moet een landcode van twee hoofdletters zijn (ISO 3166-1, bijv. CD)');
    expect(problemMessage('must be an ISO 3166-1 alpha-2 code in capitals', 'es')).toBe('debe ser un código de país de dos mayúsculas (ISO 3166-1, p. ej. BO)');
    expect(problemMessage('must not be blank', 'nl')).toBe('mag niet leeg zijn');
    expect(problemMessage('must not be blank', 'fr')).toBe('ne doit pas être vide');
  });
  it('keeps English, and an unknown problem, as it is', () => {
    expect(problemMessage('must be longer than or equal to 50 characters', 'en')).toBe('must be longer than or equal to 50 characters');
    expect(problemMessage('a problem nobody has translated yet', 'nl')).toBe('a problem nobody has translated yet');
  });
  it('takes the best supported language of Accept-Language, else the person\'s, else English', () => {
    expect(answerLanguage('fr-CD,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(answerLanguage('de-DE,es;q=0.5,nl;q=0.7')).toBe('nl');
    expect(answerLanguage('de-DE', 'nl')).toBe('nl');
    expect(answerLanguage(undefined)).toBe('en');
    expect(answerLanguage('es;q=0')).toBe('en');
  });
});
