import { useGet } from '../api/client.ts';
import { ErrorMessage, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { useSession } from '../session.tsx';

/**
 * A complaint's admissibility (art. 83-86), on the case page for whoever reads the case: waiting for the declaration,
 * admissible (then the Kerngroep rules), or not admissible with its reason and where the complainant can go instead —
 * the company's own grievance mechanism (art. 85) or the National Contact Point (art. 86).
 */
const words = {
  en: {
    title: 'Admissibility (art. 83)',
    waiting: 'The chair or the secretariat declares the complaint admissible or not before the Kerngroep votes.',
    admissible: 'Declared admissible on {date}: the complaint is about lack of progress; the Kerngroep rules on it.',
    notAdmissible: 'Declared not admissible on {date}.',
    reason: 'Reason',
    goTo: 'Where to go instead',
    mechanism: 'The company’s own grievance mechanism (art. 85)',
    noMechanism: 'The company has not recorded its grievance mechanism yet; ask the secretariat.',
    ncp: 'The National Contact Point for the OECD Guidelines (art. 86)',
  },
  nl: {
    title: 'Ontvankelijkheid (art. 83)',
    waiting: 'De voorzitter of het secretariaat verklaart de klacht ontvankelijk of niet voordat de Kerngroep stemt.',
    admissible: 'Ontvankelijk verklaard op {date}: de klacht gaat over het uitblijven van voortgang; de Kerngroep beslist erover.',
    notAdmissible: 'Niet ontvankelijk verklaard op {date}.',
    reason: 'Reden',
    goTo: 'Waar u terechtkunt',
    mechanism: 'Het klachtenmechanisme van het bedrijf zelf (art. 85)',
    noMechanism: 'Het bedrijf heeft zijn klachtenmechanisme nog niet vastgelegd; vraag het secretariaat.',
    ncp: 'Het Nationaal Contactpunt OESO-richtlijnen (art. 86)',
  },
};

export function AdmissibilitySection({ caseId }: { caseId: string }) {
  const t = useTexts(words);
  const { language } = useSession();
  const a = useGet('/api/v1/cases/{id}/admissibility', { path: { id: caseId } });
  const d = a.data;
  return (
    <section aria-labelledby="admissibility-title">
      <h2 id="admissibility-title">{t('title')}</h2>
      <ErrorMessage error={a.error} />
      {d && !d.declared && <p className="muted">{t('waiting')}</p>}
      {d?.declared?.admissible && <p>{t('admissible', { date: formatDate(language, d.declared.declaredAt) })}</p>}
      {d?.declared && !d.declared.admissible && (
        <>
          <p className="notice">{t('notAdmissible', { date: formatDate(language, d.declared.declaredAt) })}</p>
          <p>
            <strong>{t('reason')}:</strong> {d.declared.explanation}
          </p>
          {d.pointer && (
            <>
              <h3>{t('goTo')}</h3>
              <ul>
                <li>
                  {t('mechanism')}:{' '}
                  {d.pointer.grievanceMechanism ? (
                    <>
                      {d.pointer.grievanceMechanism.description}
                      {d.pointer.grievanceMechanism.url && (
                        <>
                          {' '}
                          <a href={d.pointer.grievanceMechanism.url} rel="noopener noreferrer">
                            {d.pointer.grievanceMechanism.url}
                          </a>
                        </>
                      )}
                    </>
                  ) : (
                    t('noMechanism')
                  )}
                </li>
                <li>
                  {t('ncp')}:{' '}
                  <a href={d.pointer.nationalContactPoint.url} rel="noopener noreferrer">
                    {d.pointer.nationalContactPoint.name}
                  </a>
                </li>
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
