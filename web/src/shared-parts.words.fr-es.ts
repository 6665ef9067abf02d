/** The confirmation dialog and the case titles in French and Spanish (issue 14, item 6): every user group's pages use them. */
export const confirmFrEs: { fr: Record<string, string>; es: Record<string, string> } = {
  fr: { cancel: 'Annuler', confirm: 'Oui, continuer', understood: 'Compris' },
  es: { cancel: 'Cancelar', confirm: 'Sí, continuar', understood: 'Entendido' },
};

export const caseTitleFrEs: { fr: Record<string, string>; es: Record<string, string> } = {
  fr: { one: '1 entrée', many: '{n} entrées', of: 'de {name}', about: '{type} concernant {name}', 'level.hidden': 'non montré', 'level.country': 'pays seulement', 'level.region': 'région seulement' },
  es: { one: '1 entrada', many: '{n} entradas', of: 'de {name}', about: '{type} sobre {name}', 'level.hidden': 'no se muestra', 'level.country': 'solo el país', 'level.region': 'solo la región' },
};
