import { type FormEvent, useState } from 'react';
import { base64Of } from '../api.ts';
import { call, client, useGet } from '../api/client.ts';
import type { Body } from '../api/types.ts';
import { useCasePage } from '../cases/case-page.ts';
import { type CaseView } from '../cases/types.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';
import { formatDate, type Key, translate, valueText } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

/**
 * The secretariat's membership pages (issue 13, parts 4-8; art. 69-77, 83-86): who is leaving and when, and what an
 * effective date did (access, seats, shredding); accession requests to inform the parties of; the reminder and the
 * removal the Kerngroep decides on; complaints waiting to be declared admissible or not. `/secretariat/membership`
 */
const words = {
  en: {
    title: 'Membership',
    intro: 'Who joins and who leaves the agreement (art. 69-77), and complaints to declare admissible before the Kerngroep votes (art. 83).',
    changes: 'Withdrawals and removals',
    noChanges: 'Nobody is leaving.',
    organisation: 'Organisation',
    kind: 'Kind',
    withdrawal: 'withdrawal (art. 73-75)',
    removal: 'removal (art. 76-77)',
    effective: 'Takes effect',
    duties: 'Duties until',
    state: 'State',
    pending: 'pending',
    effected: 'in effect: access ended',
    shredAt: 'Data shredded',
    shredded: 'shredded',
    on: 'on {date}',
    accessions: 'Requests to join (art. 70-72)',
    noAccessions: 'No requests.',
    name: 'Name',
    status: 'Status',
    received: 'Received',
    questions: 'Questions',
    inform: 'Inform the parties',
    informed: 'The parties were informed; the request is before the Kerngroep.',
    recordRequest: 'Record a request on behalf of an organisation',
    contactName: 'Contact person',
    contactEmail: 'Contact email address',
    motivation: 'Motivation letter',
    motivationPdf: 'Or the motivation letter as a PDF (at most 700 KiB)',
    recorded: 'The request was recorded.',
    reminder: 'Record a reminder (art. 76)',
    reminderIntro: 'Before the Kerngroep can remove a party that does not follow a ruling, the party is reminded of it.',
    party: 'Party',
    rulingCase: 'Case with the ruling not followed',
    text: 'Text of the reminder',
    remind: 'Record and send the reminder',
    reminded: 'The reminder was recorded and sent.',
    removalTitle: 'Put a removal before the Kerngroep (art. 76-77)',
    reminderRef: 'Reminder',
    explanation: 'Short public explanation (art. 77)',
    propose: 'Put before the Kerngroep',
    proposed: 'The removal is before the Kerngroep.',
    openCase: 'Open the case',
    complaints: 'Complaints awaiting admissibility (art. 83)',
    noComplaints: 'No complaint is waiting.',
    company: 'Company',
    grounds: 'Grounds',
    declare: 'Declare',
    admissible: 'Admissible: lack of progress on a commitment',
    notAdmissible: 'Not admissible',
    reason: 'Reason',
    commitment: 'Commitment',
    why: 'Explanation for the complainant',
    declared: 'Declared.',
    choose: 'Choose…',
  },
  nl: {
    title: 'Deelname',
    intro: 'Wie toetreedt en wie vertrekt (art. 69-77), en klachten om ontvankelijk te verklaren voordat de Kerngroep stemt (art. 83).',
    changes: 'Opzeggingen en verwijderingen',
    noChanges: 'Niemand vertrekt.',
    organisation: 'Organisatie',
    kind: 'Soort',
    withdrawal: 'opzegging (art. 73-75)',
    removal: 'verwijdering (art. 76-77)',
    effective: 'Gaat in op',
    duties: 'Verplichtingen tot',
    state: 'Stand',
    pending: 'nog niet ingegaan',
    effected: 'ingegaan: toegang beëindigd',
    shredAt: 'Gegevens vernietigd',
    shredded: 'vernietigd',
    on: 'op {date}',
    accessions: 'Verzoeken tot toetreding (art. 70-72)',
    noAccessions: 'Geen verzoeken.',
    name: 'Naam',
    status: 'Status',
    received: 'Ontvangen',
    questions: 'Vragen',
    inform: 'Partijen informeren',
    informed: 'De partijen zijn geïnformeerd; het verzoek ligt bij de Kerngroep.',
    recordRequest: 'Een verzoek vastleggen namens een organisatie',
    contactName: 'Contactpersoon',
    contactEmail: 'E-mailadres contactpersoon',
    motivation: 'Motivatiebrief',
    motivationPdf: 'Of de motivatiebrief als pdf (hoogstens 700 KiB)',
    recorded: 'Het verzoek is vastgelegd.',
    reminder: 'Een herinnering vastleggen (art. 76)',
    reminderIntro: 'Voordat de Kerngroep een partij die een uitspraak niet opvolgt kan verwijderen, wordt de partij eraan herinnerd.',
    party: 'Partij',
    rulingCase: 'Zaak met de niet opgevolgde uitspraak',
    text: 'Tekst van de herinnering',
    remind: 'Herinnering vastleggen en versturen',
    reminded: 'De herinnering is vastgelegd en verstuurd.',
    removalTitle: 'Een verwijdering aan de Kerngroep voorleggen (art. 76-77)',
    reminderRef: 'Herinnering',
    explanation: 'Korte openbare toelichting (art. 77)',
    propose: 'Voorleggen aan de Kerngroep',
    proposed: 'De verwijdering ligt bij de Kerngroep.',
    openCase: 'Open de zaak',
    complaints: 'Klachten die wachten op ontvankelijkheid (art. 83)',
    noComplaints: 'Er wacht geen klacht.',
    company: 'Bedrijf',
    grounds: 'Gronden',
    declare: 'Verklaren',
    admissible: 'Ontvankelijk: uitblijven van voortgang op een verplichting',
    notAdmissible: 'Niet ontvankelijk',
    reason: 'Reden',
    commitment: 'Verplichting',
    why: 'Toelichting voor de klager',
    declared: 'Verklaard.',
    choose: 'Kies…',
  },
};

type Declaration = Body<'post', '/api/v1/cases/{id}/admissibility'>;
type Reason = Exclude<Declaration['reason'], 'lack-of-progress'>;
type Commitment = NonNullable<Declaration['commitment']>['kind'];
type Accession = Body<'post', '/api/v1/membership/accession-requests'>;
const NO_ACCESSION: { name: string; kind: Accession['kind']; contactName: string; contactEmail: string; motivation: string } = { name: '', kind: 'company', contactName: '', contactEmail: '', motivation: '' };
const REASONS = { 'supply-chain-violation': ['alleged violation in a supply chain (art. 85-86)', 'vermeende schending in een toeleveringsketen (art. 85-86)'], 'financial-dispute': ['a dispute about money', 'een geschil over geld'], other: ['something else', 'iets anders'] } as const;
const COMMITMENTS = { 'monitoring-section': ['a monitoring section (art. 9-11)', 'een onderdeel van de monitoring (art. 9-11)'], 'plan-of-action': ['the plan of action (art. 12)', 'het plan van aanpak (art. 12)'], 'production-location-list': ['the yearly list (art. 17-18)', 'de jaarlijkse lijst (art. 17-18)'], 'kerngroep-ruling': ['a Kerngroep ruling', 'een uitspraak van de Kerngroep'] } as const;

type Complaint = CaseView;

export function MembershipPage() {
  const t = useTexts(words);
  return (
    <Page title={t('title')}>
      <p className="muted">{t('intro')}</p>
      <Changes />
      <Complaints />
      <Accessions />
      <ReminderAndRemoval />
    </Page>
  );
}

function Changes() {
  const t = useTexts(words);
  const { language } = useSession();
  const changes = useGet('/api/v1/membership/changes');
  const items = changes.data?.items ?? [];
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">{t('changes')}</h2>
      {changes.loading && <Loading />}
      <ErrorMessage error={changes.error} />
      {changes.data !== undefined && items.length === 0 && <p className="muted">{t('noChanges')}</p>}
      {items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('changes')}>
          <table>
            <caption className="sr-only">{t('changes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('effective')}</th>
                <th scope="col">{t('duties')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('shredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>{c.caseId ? <Link to={`/cases/${c.caseId}`}>{c.organisation.name}</Link> : c.organisation.name}</td>
                  <td>{t(c.kind)}</td>
                  <td>{formatDate(language, c.effectiveAt)}</td>
                  <td>{formatDate(language, c.dutiesUntil)}</td>
                  <td>{c.effected ? t('effected') : t('pending')}</td>
                  <td>{c.shreddedAt ? `${t('shredded')} ${t('on', { date: formatDate(language, c.shreddedAt) })}` : formatDate(language, c.shredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Complaints() {
  const t = useTexts(words);
  const list = useCasePage({ type: 'complaint' }, 100);
  const waiting = list.items.filter((c) => c.state === 'awaiting_admissibility');
  return (
    <section aria-labelledby="complaints-title">
      <h2 id="complaints-title">{t('complaints')}</h2>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data !== undefined && waiting.length === 0 && <p className="muted">{t('noComplaints')}</p>}
      {waiting.map((c) => (
        <Admissibility key={c.id} complaint={c} onDone={() => list.reload()} />
      ))}
    </section>
  );
}

function Admissibility({ complaint, onDone }: { complaint: Complaint; onDone: () => void }) {
  const t = useTexts(words);
  const { language } = useSession();
  const i = language === 'nl' ? 1 : 0;
  const [form, setForm] = useState<{ admissible: 'yes' | 'no'; reason: Reason; commitment: Commitment; explanation: string }>({ admissible: 'yes', reason: 'supply-chain-violation', commitment: 'plan-of-action', explanation: '' });
  const action = useAction();
  const id = complaint.id.slice(0, 8);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const admissible = form.admissible === 'yes';
    const body: Declaration = admissible
      ? { admissible, reason: 'lack-of-progress', explanation: form.explanation.trim(), commitment: { kind: form.commitment } }
      : { admissible, reason: form.reason, explanation: form.explanation.trim() };
    if (await action.run(() => call(client.POST('/api/v1/cases/{id}/admissibility', { params: { path: { id: complaint.id } }, body })))) onDone();
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={`${t('declare')}: ${complaint.subjectCompany?.name ?? complaint.id}`}>
      <h3>
        <Link to={`/cases/${complaint.id}`}>{complaint.subjectCompany?.name ?? complaint.id}</Link>
      </h3>
      {complaint.grounds && <p>{complaint.grounds}</p>}
      <fieldset>
        <legend>{t('declare')}</legend>
        <label>
          <input type="radio" name={`adm-${id}`} value="yes" checked={form.admissible === 'yes'} onChange={() => setForm({ ...form, admissible: 'yes' })} /> {t('admissible')}
        </label>
        <label>
          <input type="radio" name={`adm-${id}`} value="no" checked={form.admissible === 'no'} onChange={() => setForm({ ...form, admissible: 'no' })} /> {t('notAdmissible')}
        </label>
      </fieldset>
      {form.admissible === 'yes' ? (
        <>
          <label htmlFor={`commitment-${id}`}>{t('commitment')}</label>
          <select id={`commitment-${id}`} value={form.commitment} onChange={(e) => setForm({ ...form, commitment: e.target.value as Commitment })}>
            {Object.entries(COMMITMENTS).map(([k, v]) => (
              <option key={k} value={k}>
                {v[i]}
              </option>
            ))}
          </select>
        </>
      ) : (
        <>
          <label htmlFor={`reason-${id}`}>{t('reason')}</label>
          <select id={`reason-${id}`} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value as Reason })}>
            {Object.entries(REASONS).map(([k, v]) => (
              <option key={k} value={k}>
                {v[i]}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`why-${id}`}>{t('why')}</label>
      <textarea id={`why-${id}`} required rows={3} value={form.explanation} onChange={(e) => setForm({ ...form, explanation: e.target.value })} />
      <ErrorMessage error={action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          {t('declare')}
        </button>
      </div>
    </form>
  );
}

function Accessions() {
  const t = useTexts(words);
  const { language } = useSession();
  const list = useGet('/api/v1/membership/accession-requests');
  const items = list.data?.items ?? [];
  const inform = useAction();
  const record = useAction();
  const [form, setForm] = useState(NO_ACCESSION);
  const [pdf, setPdf] = useState<File | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Accession = { name: form.name.trim(), kind: form.kind, contactName: form.contactName.trim(), contactEmail: form.contactEmail.trim(), ...(form.motivation.trim() ? { motivation: form.motivation.trim() } : {}) };
    if (await record.run(async () => call(client.POST('/api/v1/membership/accession-requests', { body: pdf ? { ...body, motivationPdf: await base64Of(pdf) } : body })))) {
      setForm(NO_ACCESSION);
      setPdf(null);
      list.reload();
    }
  };
  return (
    <section aria-labelledby="accessions-title">
      <h2 id="accessions-title">{t('accessions')}</h2>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data !== undefined && items.length === 0 && <p className="muted">{t('noAccessions')}</p>}
      {items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('accessions')}>
          <table>
            <caption className="sr-only">{t('accessions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('received')}</th>
                <th scope="col">{t('questions')}</th>
                <th scope="col">
                  <span className="sr-only">{t('inform')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>{r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.name}</Link> : r.name}</td>
                  <td>{translate(language, `kind.${r.kind}` as Key)}</td>
                  <td>{valueText(language, 'accessionStatus', r.status)}</td>
                  <td>{formatDate(language, r.receivedAt)}</td>
                  <td>{r.questions}</td>
                  <td>
                    {r.status === 'received' && r.id !== undefined && (
                      <button type="button" disabled={inform.busy} onClick={() => void inform.run(() => call(client.POST('/api/v1/membership/accession-requests/{id}/inform', { params: { path: { id: r.id ?? '' } } }))).then((ok) => ok && list.reload())}>
                        {t('inform')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={inform.error} />
      {inform.done && <p className="ok" role="status">{t('informed')}</p>}
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h3>{t('recordRequest')}</h3>
        <label htmlFor="acc-name">{t('name')}</label>
        <input id="acc-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <label htmlFor="acc-kind">{t('kind')}</label>
        <select id="acc-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Accession['kind'] })}>
          {['company', 'ngo', 'union', 'branch_org', 'supporter'].map((k) => (
            <option key={k} value={k}>
              {translate(language, `kind.${k}` as Key)}
            </option>
          ))}
        </select>
        <label htmlFor="acc-contact">{t('contactName')}</label>
        <input id="acc-contact" required value={form.contactName} onChange={(e) => setForm({ ...form, contactName: e.target.value })} />
        <label htmlFor="acc-email">{t('contactEmail')}</label>
        <input id="acc-email" type="email" required value={form.contactEmail} onChange={(e) => setForm({ ...form, contactEmail: e.target.value })} />
        <label htmlFor="acc-motivation">{t('motivation')}</label>
        <textarea id="acc-motivation" required={!pdf} rows={4} value={form.motivation} onChange={(e) => setForm({ ...form, motivation: e.target.value })} />
        <label htmlFor="acc-pdf">{t('motivationPdf')}</label>
        <input id="acc-pdf" type="file" accept="application/pdf" onChange={(e) => setPdf(e.target.files?.[0] ?? null)} />
        <ErrorMessage error={record.error} />
        {record.done && <p className="ok" role="status">{t('recorded')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={record.busy}>
            {t('recordRequest')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ReminderAndRemoval() {
  const t = useTexts(words);
  const { language } = useSession();
  const orgs = useGet('/api/v1/organisations');
  const parties = (orgs.data ?? []).filter((o) => o.party);
  const reminders = useGet('/api/v1/membership/reminders');
  const [reminder, setReminder] = useState({ organisationId: '', rulingCaseId: '', text: '' });
  const [removal, setRemoval] = useState({ reminderId: '', explanation: '' });
  const remind = useAction();
  const propose = useAction();
  const [caseId, setCaseId] = useState<string | null>(null);
  const reminderItems = reminders.data ?? [];
  const submitReminder = async (e: FormEvent) => {
    e.preventDefault();
    if (await remind.run(() => call(client.POST('/api/v1/membership/reminders', { body: { ...reminder, rulingCaseId: reminder.rulingCaseId.trim(), text: reminder.text.trim() } })))) {
      setReminder({ organisationId: '', rulingCaseId: '', text: '' });
      reminders.reload();
    }
  };
  const submitRemoval = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = reminderItems.find((r) => r.id === removal.reminderId);
    await propose.run(async () => {
      const res = await call(client.POST('/api/v1/membership/removals', { body: { organisationId: chosen?.organisation.id ?? '', reminderId: removal.reminderId, explanation: removal.explanation.trim() } }));
      setCaseId(res.caseId);
    });
  };
  return (
    <>
      <form className="card" onSubmit={(e) => void submitReminder(e)}>
        <h2>{t('reminder')}</h2>
        <p className="muted">{t('reminderIntro')}</p>
        <label htmlFor="rem-party">{t('party')}</label>
        <select id="rem-party" required value={reminder.organisationId} onChange={(e) => setReminder({ ...reminder, organisationId: e.target.value })}>
          <option value="">{t('choose')}</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label htmlFor="rem-case">{t('rulingCase')}</label>
        <input id="rem-case" required value={reminder.rulingCaseId} onChange={(e) => setReminder({ ...reminder, rulingCaseId: e.target.value })} />
        <label htmlFor="rem-text">{t('text')}</label>
        <textarea id="rem-text" required rows={3} value={reminder.text} onChange={(e) => setReminder({ ...reminder, text: e.target.value })} />
        <ErrorMessage error={remind.error} />
        {remind.done && <p className="ok" role="status">{t('reminded')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={remind.busy}>
            {t('remind')}
          </button>
        </div>
      </form>
      <form className="card" onSubmit={(e) => void submitRemoval(e)}>
        <h2>{t('removalTitle')}</h2>
        <label htmlFor="rm-reminder">{t('reminderRef')}</label>
        <select id="rm-reminder" required value={removal.reminderId} onChange={(e) => setRemoval({ ...removal, reminderId: e.target.value })}>
          <option value="">{t('choose')}</option>
          {reminderItems.map((r) => (
            <option key={r.id} value={r.id}>
              {r.organisation.name} — {formatDate(language, r.recordedAt)}
            </option>
          ))}
        </select>
        <label htmlFor="rm-explanation">{t('explanation')}</label>
        <textarea id="rm-explanation" required rows={3} maxLength={1000} value={removal.explanation} onChange={(e) => setRemoval({ ...removal, explanation: e.target.value })} />
        <ErrorMessage error={propose.error} />
        {propose.done && (
          <p className="ok" role="status">
            {t('proposed')} {caseId && <Link to={`/cases/${caseId}`}>{t('openCase')}</Link>}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={propose.busy}>
            {t('propose')}
          </button>
        </div>
      </form>
    </>
  );
}
