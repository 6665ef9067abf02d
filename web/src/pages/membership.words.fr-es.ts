/**
 * The membership pages in French and Spanish (issue 14, item 6): the withdrawal notice (art. 73-75) and the
 * headlines of who joins and leaves (art. 70-77).
 */
export const membershipNoticeFrEs: { fr: Record<string, string>; es: Record<string, string> } = {
  fr: {
    title: 'Participation à l’accord',
    signed: 'Signé le {date}.',
    possibleFrom: 'Le préavis peut être donné à partir du {date} (art. 73).',
    ifToday: 'Un préavis donné aujourd’hui prend effet le {date} : la participation prend fin l’année suivante, avec un préavis de six mois (art. 74). D’ici là, votre organisation garde ses droits et ses obligations (art. 75).',
    notYet: 'Le préavis ne peut pas encore être donné.',
    given: 'Votre organisation a donné son préavis le {given}. Il prend effet le {date} ; ses obligations (comme la liste annuelle) courent jusqu’au {duties}, et d’ici là elle garde ses droits, y compris sa voix à la Sectormodule Vergadering.',
    removal: 'Le Kerngroep a décidé d’exclure votre organisation. La décision prend effet le {date} ; ses obligations courent jusqu’au {duties} (art. 76-77).',
    motivation: 'Vos raisons (art. 73 : le préavis est motivé)',
    later: 'Un 1er janvier ultérieur (facultatif)',
    confirm: 'Je donne le préavis au nom de mon organisation',
    submit: 'Donner le préavis au Kerngroep',
    done: 'Préavis donné. Le Kerngroep et le secrétariat en ont été informés.',
  },
  es: {
    title: 'Participación en el acuerdo',
    signed: 'Firmado el {date}.',
    possibleFrom: 'El preaviso puede darse a partir del {date} (art. 73).',
    ifToday: 'Un preaviso dado hoy surte efecto el {date}: la participación termina el año siguiente, con seis meses de preaviso (art. 74). Hasta entonces su organización conserva sus derechos y obligaciones (art. 75).',
    notYet: 'Todavía no se puede dar el preaviso.',
    given: 'Su organización dio el preaviso el {given}. Surte efecto el {date}; sus obligaciones (como la lista anual) siguen hasta el {duties}, y hasta entonces conserva sus derechos, incluido su voto en la Sectormodule Vergadering.',
    removal: 'El Kerngroep decidió excluir a su organización. Surte efecto el {date}; sus obligaciones siguen hasta el {duties} (art. 76-77).',
    motivation: 'Sus razones (art. 73: el preaviso se da con razones)',
    later: 'Un 1 de enero posterior (opcional)',
    confirm: 'Doy el preaviso en nombre de mi organización',
    submit: 'Dar el preaviso al Kerngroep',
    done: 'Preaviso dado. Se ha informado al Kerngroep y a la secretaría.',
  },
};

export const membershipHeadlinesFrEs: { fr: Record<string, string>; es: Record<string, string> } = {
  fr: {
    title: 'Adhésions et départs',
    accessions: 'Demandes d’adhésion (art. 70-72)',
    noAccessions: 'Aucune demande d’adhésion n’a été soumise aux parties.',
    status: 'Statut',
    letter: 'Lettre de motivation',
    ask: 'Votre question au secrétariat (art. 71)',
    send: 'Envoyer la question',
    sent: 'Question envoyée.',
    changes: 'Départs de l’accord (art. 73-77)',
    noChanges: 'Personne ne quitte l’accord.',
    withdrawal: '{name} a donné son préavis ; il prend effet le {date}.',
    removal: 'Le Kerngroep exclut {name} à compter du {date} : {explanation}',
    effected: '(en vigueur)',
  },
  es: {
    title: 'Adhesiones y salidas',
    accessions: 'Solicitudes de adhesión (art. 70-72)',
    noAccessions: 'No se ha presentado ninguna solicitud de adhesión a las partes.',
    status: 'Estado',
    letter: 'Carta de motivación',
    ask: 'Su pregunta a la secretaría (art. 71)',
    send: 'Enviar la pregunta',
    sent: 'Pregunta enviada.',
    changes: 'Salidas del acuerdo (art. 73-77)',
    noChanges: 'Nadie deja el acuerdo.',
    withdrawal: '{name} dio el preaviso; surte efecto el {date}.',
    removal: 'El Kerngroep excluye a {name} a partir del {date}: {explanation}',
    effected: '(en vigor)',
  },
};
