/** The invitation page in French and Spanish (issue 14, item 6): a local partner's people start here. */
export const invitationFrEs: { fr: Record<string, string>; es: Record<string, string> } = {
  fr: {
    for: 'Invitation pour {name} ({email}) de {organisation}, valable jusqu’au {until}.',
    spent: 'Ce lien d’invitation a déjà servi ou a expiré. Demandez-en un nouveau à l’administrateur de votre organisation ou au secrétariat.',
  },
  es: {
    for: 'Invitación para {name} ({email}) de {organisation}, válida hasta el {until}.',
    spent: 'Este enlace de invitación ya se ha usado o ha caducado. Pida uno nuevo al administrador de su organización o a la secretaría.',
  },
};
