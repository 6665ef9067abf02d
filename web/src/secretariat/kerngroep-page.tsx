import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import { ErrorMessage, Loading, Page, useAction, useTexts } from '../components.tsx';

/**
 * The Kerngroep's composition, kept by the secretariat (issue 13, part 2; art. 46-47, 50, 54): the seats in force and
 * their history; a form to record, from a date and with the Kerngroep decision, which party of the constituency holds
 * a seat and which of its own people are the fixed and the deputy representative; and the chair the SER proposed and
 * the Kerngroep confirmed. Every rule is the API's: its field problems are shown as they come. `/secretariat/kerngroep`
 */
const words = {
  en: {
    title: 'Kerngroep seats and chair',
    intro: 'One seat per constituency (art. 46), held by a party of that constituency, which appoints a fixed and a deputy representative from its own people (art. 47). The chair is proposed by the SER, confirmed by the Kerngroep, not from the secretariat, and has no vote (art. 50, 54). Open votes keep the holders they started with unless you say otherwise.',
    inForce: 'In force today',
    seat: 'Seat',
    organisation: 'Organisation',
    fixed: 'Fixed representative',
    deputy: 'Deputy representative',
    since: 'Since',
    vacant: 'not recorded yet',
    chair: 'Chair',
    noChair: 'No chair recorded yet.',
    assign: 'Record a seat',
    effectiveFrom: 'From (date)',
    decision: 'Kerngroep decision or reason',
    openVotes: 'Open votes',
    keep: 'keep the holders they started with',
    transfer: 'move to the new holders where the seat has not voted yet (only from a date in force)',
    save: 'Record the seat',
    saved: 'Recorded. The representatives get a mail.',
    pick: '— choose —',
    appoint: 'Record the chair',
    chairOrg: 'Organisation of the chair',
    chairPerson: 'Chair',
    serProposal: "The SER's proposal",
    kerngroepDecision: "The Kerngroep's confirmation",
    appointSave: 'Record the chair',
    appointed: 'Recorded. The chair gets a mail.',
    history: 'History',
    seatHistory: 'Seat terms, newest first',
    chairHistory: 'Chairs, newest first',
    yes: 'yes',
    no: 'no',
    unions: 'Unions',
    ngos: 'NGOs',
    branch_orgs: 'Branch organisations',
    companies: 'Companies',
  },
  nl: {
    title: 'Zetels en voorzitter van de Kerngroep',
    intro: 'Eén zetel per geleding (art. 46), bezet door een partij van die geleding, die uit haar eigen mensen een vaste en een plaatsvervangende vertegenwoordiger aanstelt (art. 47). De voorzitter wordt door de SER voorgedragen, door de Kerngroep bevestigd, komt niet uit het secretariaat en heeft geen stemrecht (art. 50, 54). Lopende stemmingen houden de bezetting waarmee zij begonnen, tenzij u anders kiest.',
    inForce: 'Vandaag van kracht',
    seat: 'Zetel',
    organisation: 'Organisatie',
    fixed: 'Vaste vertegenwoordiger',
    deputy: 'Plaatsvervanger',
    since: 'Sinds',
    vacant: 'nog niet vastgelegd',
    chair: 'Voorzitter',
    noChair: 'Nog geen voorzitter vastgelegd.',
    assign: 'Een zetel vastleggen',
    effectiveFrom: 'Vanaf (datum)',
    decision: 'Besluit van de Kerngroep of reden',
    openVotes: 'Lopende stemmingen',
    keep: 'houden de bezetting waarmee zij begonnen',
    transfer: 'gaan over naar de nieuwe bezetting waar de zetel nog niet stemde (alleen vanaf een datum die van kracht is)',
    save: 'Zetel vastleggen',
    saved: 'Vastgelegd. De vertegenwoordigers krijgen een e-mail.',
    pick: '— kies —',
    appoint: 'De voorzitter vastleggen',
    chairOrg: 'Organisatie van de voorzitter',
    chairPerson: 'Voorzitter',
    serProposal: 'Voordracht van de SER',
    kerngroepDecision: 'Bevestiging door de Kerngroep',
    appointSave: 'Voorzitter vastleggen',
    appointed: 'Vastgelegd. De voorzitter krijgt een e-mail.',
    history: 'Geschiedenis',
    seatHistory: 'Zeteltermijnen, nieuwste eerst',
    chairHistory: 'Voorzitters, nieuwste eerst',
    yes: 'ja',
    no: 'nee',
    unions: 'Vakbonden',
    ngos: 'Ngo’s',
    branch_orgs: 'Brancheorganisaties',
    companies: 'Bedrijven',
  },
};

type Constituency = 'unions' | 'ngos' | 'branch_orgs' | 'companies';
const CONSTITUENCIES: Constituency[] = ['unions', 'ngos', 'branch_orgs', 'companies'];

const today = () => new Date().toISOString().slice(0, 10);

/** The people of one organisation as options (the API decides whom the caller may list). */
function PeopleSelect({ id, label, organisationId, value, onChange }: { id: string; label: string; organisationId: string; value: string; onChange: (v: string) => void }) {
  const t = useTexts(words);
  const people = useGet(organisationId ? '/api/v1/organisations/{id}/people' : null, { path: { id: organisationId } });
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} required value={value} onChange={(e) => onChange(e.target.value)} disabled={!organisationId}>
        <option value="">{t('pick')}</option>
        {(people.data ?? [])
          .filter((p) => p.status !== 'disabled')
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </select>
      <ErrorMessage error={people.error} />
    </>
  );
}

export default function KerngroepSeatsPage() {
  const t = useTexts(words);
  const seats = useGet('/api/v1/kerngroep/seats');
  const history = useGet('/api/v1/kerngroep/history');
  const orgs = useGet('/api/v1/organisations');
  const organisations = orgs.data ?? [];
  const reload = () => {
    seats.reload();
    history.reload();
  };
  const [seat, setSeat] = useState({ constituency: 'unions' as Constituency, organisationId: '', fixedPersonId: '', deputyPersonId: '', effectiveFrom: today(), decision: '', openVotes: 'keep' as 'keep' | 'transfer' });
  const assign = useAction();
  const submitSeat = async (e: FormEvent) => {
    e.preventDefault();
    const { constituency, ...body } = seat;
    if (await assign.run(() => call(client.POST('/api/v1/kerngroep/seats/{constituency}/terms', { params: { path: { constituency } }, body: { ...body, decision: body.decision.trim() } })))) {
      setSeat({ ...seat, decision: '' });
      reload();
    }
  };
  const [chair, setChair] = useState({ organisationId: '', personId: '', effectiveFrom: today(), serProposal: '', kerngroepDecision: '' });
  const appoint = useAction();
  const submitChair = async (e: FormEvent) => {
    e.preventDefault();
    const { organisationId: _o, ...body } = chair;
    if (await appoint.run(() => call(client.POST('/api/v1/kerngroep/chair/terms', { body })))) {
      setChair({ ...chair, serProposal: '', kerngroepDecision: '' });
      reload();
    }
  };
  const parties = organisations.filter((o) => o.party !== false && o.constituency === seat.constituency && o.kind !== 'local_partner' && (o.status ?? 'active') === 'active');
  // art. 54: not from the secretariat; the API gives the reason for anything else it refuses
  const chairOrgs = organisations.filter((o) => o.kind !== 'secretariat');

  return (
    <Page title={t('title')}>
      <p className="muted">{t('intro')}</p>
      {seats.loading && <Loading />}
      <ErrorMessage error={seats.error} />
      {seats.data && (
        <>
          {/* one card per seat (not a table): on a phone every holder stays in view */}
          <h2>{t('inForce')}</h2>
          <ul className="plain">
            {seats.data.seats.map((s) => (
              <li key={s.constituency} className="card" data-seat={s.constituency}>
                <h3>{t(s.constituency)}</h3>
                <dl className="facts">
                  <dt>{t('organisation')}</dt>
                  <dd>{s.organisation?.name ?? <span className="muted">{t('vacant')}</span>}</dd>
                  <dt>{t('fixed')}</dt>
                  <dd>{s.fixed?.name ?? '—'}</dd>
                  <dt>{t('deputy')}</dt>
                  <dd>{s.deputy?.name ?? '—'}</dd>
                  <dt>{t('since')}</dt>
                  <dd>{s.since ?? '—'}</dd>
                </dl>
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('chair')}:</strong> {seats.data.chair ? `${seats.data.chair.name} (${seats.data.chair.organisation.name})` : t('noChair')}
          </p>
        </>
      )}

      <form className="card" onSubmit={(e) => void submitSeat(e)} aria-labelledby="assign-title">
        <h2 id="assign-title">{t('assign')}</h2>
        <label htmlFor="seat-constituency">{t('seat')}</label>
        <select id="seat-constituency" value={seat.constituency} onChange={(e) => setSeat({ ...seat, constituency: e.target.value as Constituency, organisationId: '', fixedPersonId: '', deputyPersonId: '' })}>
          {CONSTITUENCIES.map((c) => (
            <option key={c} value={c}>
              {t(c)}
            </option>
          ))}
        </select>
        <label htmlFor="seat-organisation">{t('organisation')}</label>
        <select id="seat-organisation" required value={seat.organisationId} onChange={(e) => setSeat({ ...seat, organisationId: e.target.value, fixedPersonId: '', deputyPersonId: '' })}>
          <option value="">{t('pick')}</option>
          {parties.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <PeopleSelect key={`f-${seat.organisationId}`} id="seat-fixed" label={t('fixed')} organisationId={seat.organisationId} value={seat.fixedPersonId} onChange={(v) => setSeat({ ...seat, fixedPersonId: v })} />
        <PeopleSelect key={`d-${seat.organisationId}`} id="seat-deputy" label={t('deputy')} organisationId={seat.organisationId} value={seat.deputyPersonId} onChange={(v) => setSeat({ ...seat, deputyPersonId: v })} />
        <label htmlFor="seat-from">{t('effectiveFrom')}</label>
        <input id="seat-from" type="date" required value={seat.effectiveFrom} onChange={(e) => setSeat({ ...seat, effectiveFrom: e.target.value })} />
        <label htmlFor="seat-decision">{t('decision')}</label>
        <textarea id="seat-decision" required maxLength={2000} rows={2} value={seat.decision} onChange={(e) => setSeat({ ...seat, decision: e.target.value })} />
        <fieldset>
          <legend>{t('openVotes')}</legend>
          {(['keep', 'transfer'] as const).map((v) => (
            <label className="check" key={v}>
              <input type="radio" name="seat-open-votes" value={v} checked={seat.openVotes === v} onChange={() => setSeat({ ...seat, openVotes: v })} /> {t(v)}
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={assign.error} />
        {assign.done && <p className="ok" role="status">{t('saved')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={assign.busy}>
            {t('save')}
          </button>
        </div>
      </form>

      <form className="card" onSubmit={(e) => void submitChair(e)} aria-labelledby="chair-title">
        <h2 id="chair-title">{t('appoint')}</h2>
        <label htmlFor="chair-organisation">{t('chairOrg')}</label>
        <select id="chair-organisation" required value={chair.organisationId} onChange={(e) => setChair({ ...chair, organisationId: e.target.value, personId: '' })}>
          <option value="">{t('pick')}</option>
          {chairOrgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <PeopleSelect key={`c-${chair.organisationId}`} id="chair-person" label={t('chairPerson')} organisationId={chair.organisationId} value={chair.personId} onChange={(v) => setChair({ ...chair, personId: v })} />
        <label htmlFor="chair-from">{t('effectiveFrom')}</label>
        <input id="chair-from" type="date" required value={chair.effectiveFrom} onChange={(e) => setChair({ ...chair, effectiveFrom: e.target.value })} />
        <label htmlFor="chair-ser">{t('serProposal')}</label>
        <textarea id="chair-ser" required maxLength={2000} rows={2} value={chair.serProposal} onChange={(e) => setChair({ ...chair, serProposal: e.target.value })} />
        <label htmlFor="chair-kerngroep">{t('kerngroepDecision')}</label>
        <textarea id="chair-kerngroep" required maxLength={2000} rows={2} value={chair.kerngroepDecision} onChange={(e) => setChair({ ...chair, kerngroepDecision: e.target.value })} />
        <ErrorMessage error={appoint.error} />
        {appoint.done && <p className="ok" role="status">{t('appointed')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={appoint.busy}>
            {t('appointSave')}
          </button>
        </div>
      </form>

      <h2>{t('history')}</h2>
      <ErrorMessage error={history.error} />
      {history.data && (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('seatHistory')}>
            <table>
              <caption>{t('seatHistory')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('seat')}</th>
                  <th scope="col">{t('since')}</th>
                  <th scope="col">{t('organisation')}</th>
                  <th scope="col">{t('fixed')}</th>
                  <th scope="col">{t('deputy')}</th>
                  <th scope="col">{t('decision')}</th>
                  <th scope="col">{t('inForce')}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.seats.map((s) => (
                  <tr key={s.id}>
                    <td>{t(s.constituency)}</td>
                    <td>{s.effectiveFrom}</td>
                    <td>{s.organisation.name}</td>
                    <td>{s.fixed.name}</td>
                    <td>{s.deputy.name}</td>
                    <td>{s.decision}</td>
                    <td>{s.inForce ? t('yes') : t('no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('chairHistory')}>
            <table>
              <caption>{t('chairHistory')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('since')}</th>
                  <th scope="col">{t('chairPerson')}</th>
                  <th scope="col">{t('serProposal')}</th>
                  <th scope="col">{t('kerngroepDecision')}</th>
                  <th scope="col">{t('inForce')}</th>
                </tr>
              </thead>
              <tbody>
                {history.data.chair.map((c) => (
                  <tr key={c.id}>
                    <td>{c.effectiveFrom}</td>
                    <td>
                      {c.person.name} ({c.organisation.name})
                    </td>
                    <td>{c.serProposal}</td>
                    <td>{c.kerngroepDecision}</td>
                    <td>{c.inForce ? t('yes') : t('no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
