/** The case list's filter in French and Spanish (issue 14, item 6). */
export const caseListFrEs: { fr: Record<string, string>; es: Record<string, string> } = {
  fr: { status: 'Afficher', open: 'dossiers ouverts', closed: 'dossiers clos', any: 'tous les dossiers' },
  es: { status: 'Mostrar', open: 'casos abiertos', closed: 'casos cerrados', any: 'todos los casos' },
};
