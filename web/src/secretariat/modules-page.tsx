import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate } from '../i18n.ts';
import { useSession } from '../session.tsx';

/**
 * The modules of the framework agreement, kept by the secretariat (issue 13, part 3; art. 13 footnote 4, 29-30): the
 * modules with kind and period, their participants, enrolling and removing an organisation. Taking part is what opens
 * a CSO party's art-13 access (with the NDA), and it follows a change at once. `/secretariat/modules`
 */
const words = {
  en: {
    title: 'Modules',
    intro: 'The four kinds of module of the framework agreement: sector, knowledge, practice and risk modules (art. 13, footnote 4). A CSO party that takes part in a module and has signed the art-13 agreement sees the risk and plan-of-action parts of individual results; removing it ends that at once.',
    none: 'No modules yet.',
    name: 'Name',
    kind: 'Kind',
    period: 'Period',
    running: 'running',
    notRunning: 'not running',
    participants: 'Participants',
    noParticipants: 'nobody yet',
    remove: 'Remove',
    create: 'Create a module',
    slug: 'Short name (slug, optional)',
    startsOn: 'Starts on',
    endsOn: 'Ends on (optional)',
    createSave: 'Create module',
    created: 'Created.',
    enrol: 'Enrol an organisation',
    module: 'Module',
    organisation: 'Organisation',
    pick: '— choose —',
    enrolSave: 'Enrol',
    enrolled: 'Enrolled: it takes part from now on.',
    removed: 'Removed: it no longer takes part.',
    since: 'since {date}',
    sector: 'sector module',
    knowledge: 'knowledge module',
    practice: 'practice module',
    risk: 'risk module',
  },
  nl: {
    title: 'Modules',
    intro: 'De vier soorten modules van de raamovereenkomst: sector-, kennis-, praktijk- en risicomodules (art. 13, voetnoot 4). Een maatschappelijke partij die aan een module deelneemt en de art-13-overeenkomst tekende, ziet de onderdelen risico’s en plan van aanpak van individuele resultaten; afmelden beëindigt dat direct.',
    none: 'Nog geen modules.',
    name: 'Naam',
    kind: 'Soort',
    period: 'Periode',
    running: 'loopt',
    notRunning: 'loopt niet',
    participants: 'Deelnemers',
    noParticipants: 'nog niemand',
    remove: 'Afmelden',
    create: 'Een module aanmaken',
    slug: 'Korte naam (slug, niet verplicht)',
    startsOn: 'Begint op',
    endsOn: 'Eindigt op (niet verplicht)',
    createSave: 'Module aanmaken',
    created: 'Aangemaakt.',
    enrol: 'Een organisatie aanmelden',
    module: 'Module',
    organisation: 'Organisatie',
    pick: '— kies —',
    enrolSave: 'Aanmelden',
    enrolled: 'Aangemeld: de organisatie neemt vanaf nu deel.',
    removed: 'Afgemeld: de organisatie neemt niet meer deel.',
    since: 'sinds {date}',
    sector: 'sectormodule',
    knowledge: 'kennismodule',
    practice: 'praktijkmodule',
    risk: 'risicomodule',
  },
};

type Kind = 'sector' | 'knowledge' | 'practice' | 'risk';
const KINDS: Kind[] = ['sector', 'knowledge', 'practice', 'risk'];

export default function ModulesPage() {
  const t = useTexts(words);
  const { language } = useSession();
  const modules = useGet('/api/v1/modules');
  const orgs = useGet('/api/v1/organisations');
  const list = modules.data ?? [];
  const candidates = (orgs.data ?? []).filter((o) => o.kind !== 'secretariat');
  const [form, setForm] = useState({ kind: 'sector' as Kind, name: '', slug: '', startsOn: new Date().toISOString().slice(0, 10), endsOn: '' });
  const create = useAction();
  const [enrolForm, setEnrolForm] = useState({ moduleId: '', organisationId: '' });
  const enrol = useAction();
  const remove = useAction();
  const submitCreate = async (e: FormEvent) => {
    e.preventDefault();
    const body = { kind: form.kind, name: form.name.trim(), startsOn: form.startsOn, ...(form.slug.trim() ? { slug: form.slug.trim() } : {}), ...(form.endsOn ? { endsOn: form.endsOn } : {}) };
    if (await create.run(() => call(client.POST('/api/v1/modules', { body })))) {
      setForm({ ...form, name: '', slug: '' });
      modules.reload();
    }
  };
  const submitEnrol = async (e: FormEvent) => {
    e.preventDefault();
    remove.setDone(false);
    if (await enrol.run(() => call(client.POST('/api/v1/modules/{id}/participants', { params: { path: { id: enrolForm.moduleId } }, body: { organisationId: enrolForm.organisationId } })))) modules.reload();
  };
  const removeOne = async (moduleId: string, organisationId: string) => {
    enrol.setDone(false);
    if (await remove.run(() => call(client.POST('/api/v1/modules/{id}/participants/{organisationId}/removal', { params: { path: { id: moduleId, organisationId } } })))) modules.reload();
  };
  return (
    <Page title={t('title')}>
      <p className="muted">{t('intro')}</p>
      {modules.loading && <Loading />}
      <ErrorMessage error={modules.error} />
      {modules.data !== undefined && list.length === 0 && <p className="muted">{t('none')}</p>}
      {/* one card per module (not a table): the participants, what matters most here, stay in view on a phone */}
      <ul className="plain" aria-label={t('title')}>
        {list.map((m) => (
          <li key={m.id} className="card" data-module={m.slug}>
            <h2 className="module-name">{m.name}</h2>
            <p>
              {t(m.kind)} · {m.startsOn} – {m.endsOn ?? '…'} ({m.running ? t('running') : t('notRunning')})
            </p>
            <h3>{t('participants')}</h3>
            {m.participants.length === 0 && <p className="muted">{t('noParticipants')}</p>}
            <ul className="plain">
              {m.participants.map((p) => (
                <li key={p.organisation.id}>
                  {p.organisation.name} <span className="muted">({t('since', { date: formatDate(language, p.joinedAt) })})</span>{' '}
                  <button type="button" className="danger" disabled={remove.busy} aria-label={`${t('remove')}: ${p.organisation.name}, ${m.name}`} onClick={() => void removeOne(m.id, p.organisation.id)}>
                    {t('remove')}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <ErrorMessage error={remove.error} />
      {remove.done && <p className="ok" role="status">{t('removed')}</p>}

      <form className="card" onSubmit={(e) => void submitEnrol(e)} aria-labelledby="enrol-title">
        <h2 id="enrol-title">{t('enrol')}</h2>
        <label htmlFor="enrol-module">{t('module')}</label>
        <select id="enrol-module" required value={enrolForm.moduleId} onChange={(e) => setEnrolForm({ ...enrolForm, moduleId: e.target.value })}>
          <option value="">{t('pick')}</option>
          {list.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <label htmlFor="enrol-organisation">{t('organisation')}</label>
        <select id="enrol-organisation" required value={enrolForm.organisationId} onChange={(e) => setEnrolForm({ ...enrolForm, organisationId: e.target.value })}>
          <option value="">{t('pick')}</option>
          {candidates.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <ErrorMessage error={enrol.error} />
        {enrol.done && <p className="ok" role="status">{t('enrolled')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={enrol.busy}>
            {t('enrolSave')}
          </button>
        </div>
      </form>

      <form className="card" onSubmit={(e) => void submitCreate(e)} aria-labelledby="create-title">
        <h2 id="create-title">{t('create')}</h2>
        <label htmlFor="module-kind">{t('kind')}</label>
        <select id="module-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Kind })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(k)}
            </option>
          ))}
        </select>
        <label htmlFor="module-name">{t('name')}</label>
        <input id="module-name" required maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <label htmlFor="module-slug">{t('slug')}</label>
        <input id="module-slug" pattern="[a-z0-9-]+" value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} />
        <label htmlFor="module-start">{t('startsOn')}</label>
        <input id="module-start" type="date" required value={form.startsOn} onChange={(e) => setForm({ ...form, startsOn: e.target.value })} />
        <label htmlFor="module-end">{t('endsOn')}</label>
        <input id="module-end" type="date" value={form.endsOn} onChange={(e) => setForm({ ...form, endsOn: e.target.value })} />
        <ErrorMessage error={create.error} />
        {create.done && <p className="ok" role="status">{t('created')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={create.busy}>
            {t('createSave')}
          </button>
        </div>
      </form>
    </Page>
  );
}
