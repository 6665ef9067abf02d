import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useGet } from '../api/client.ts';
import type { Body } from '../api/types.ts';
import { ErrorMessage, Loading, useAction, useTexts } from '../components.tsx';
import { useFieldErrors } from '../form-errors.tsx';
import { formatDate } from '../i18n.ts';
import { useMe, useSession } from '../session.tsx';
import { membershipNoticeFrEs } from './membership.words.fr-es.ts';

/**
 * A party's membership in its own area (issue 13, part 5; art. 73-75): since when it takes part, from when it can give
 * notice, the date a notice given today would take effect, and — for its administrators — the notice itself.
 */
const words = {
  en: {
    title: 'Participation in the agreement',
    signed: 'Signed on {date}.',
    possibleFrom: 'Notice can be given from {date} (art. 73).',
    ifToday: 'A notice given today takes effect on {date}: participation ends per the following year, with six months’ notice (art. 74). Until then your organisation keeps its rights and duties (art. 75).',
    notYet: 'Notice cannot be given yet.',
    given: 'Your organisation gave notice on {given}. It takes effect on {date}; its duties (such as the yearly list) run until {duties}, and until then it keeps its rights, including its vote in the Sectormodule Vergadering.',
    removal: 'The Kerngroep decided to remove your organisation. It takes effect on {date}; its duties run until {duties} (art. 76-77).',
    motivation: 'Your reasons (art. 73: notice is given with reasons)',
    later: 'A later 1 January (optional)',
    confirm: 'I give notice on behalf of my organisation',
    submit: 'Give notice to the Kerngroep',
    done: 'Notice given. The Kerngroep and the secretariat were told.',
  },
  nl: {
    title: 'Deelname aan de Sectorovereenkomst',
    signed: 'Ondertekend op {date}.',
    possibleFrom: 'Opzeggen kan vanaf {date} (art. 73).',
    ifToday: 'Een opzegging van vandaag gaat in op {date}: de deelname eindigt per het daaropvolgende jaar, met een opzegtermijn van een half jaar (art. 74). Tot dan behoudt uw organisatie haar rechten en plichten (art. 75).',
    notYet: 'Opzeggen kan nog niet.',
    given: 'Uw organisatie heeft op {given} opgezegd. De opzegging gaat in op {date}; haar verplichtingen (zoals de jaarlijkse lijst) lopen tot {duties}, en tot dan behoudt zij haar rechten, ook haar stem in de Sectormodule Vergadering.',
    removal: 'De Kerngroep heeft besloten uw organisatie te verwijderen. Dit gaat in op {date}; haar verplichtingen lopen tot {duties} (art. 76-77).',
    motivation: 'Uw redenen (art. 73: opzeggen gebeurt met redenen omkleed)',
    later: 'Een latere 1 januari (niet verplicht)',
    confirm: 'Ik zeg op namens mijn organisatie',
    submit: 'Opzeggen bij de Kerngroep',
    done: 'Opgezegd. De Kerngroep en het secretariaat zijn op de hoogte gebracht.',
  },
};
// French and Spanish (issue 14, item 6)
Object.assign(words, membershipNoticeFrEs);

export function MembershipNotice() {
  const t = useTexts(words);
  const { language } = useSession();
  const me = useMe();
  const view = useGet('/api/v1/membership/organisations/{id}', { path: { id: me.organisation.id } });
  const [form, setForm] = useState({ motivation: '', effectiveAt: '', confirmed: false });
  const give = useAction();
  const f = useFieldErrors(give.error);
  const isAdmin = me.roles.includes('org_admin');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Body<'post', '/api/v1/membership/withdrawal'> = { motivation: form.motivation.trim(), ...(form.effectiveAt ? { effectiveAt: form.effectiveAt } : {}) };
    if (await give.run(() => api('POST', '/membership/withdrawal', body))) view.reload();
  };
  const v = view.data;
  const d = (x: string | null | undefined) => formatDate(language, x);
  return (
    <section aria-labelledby="membership-title">
      <h2 id="membership-title">{t('title')}</h2>
      {view.loading && <Loading />}
      <ErrorMessage error={view.error} />
      {v && (
        <>
          <p>{t('signed', { date: d(v.signedAt) })}</p>
          {v.change?.kind === 'withdrawal' && <p className="notice" role="status">{t('given', { given: d(v.change.givenAt), date: d(v.change.effectiveAt), duties: d(v.change.dutiesUntil) })}</p>}
          {v.change?.kind === 'removal' && <p className="notice" role="status">{t('removal', { date: d(v.change.effectiveAt), duties: d(v.change.dutiesUntil) })}</p>}
          {!v.change && (
            <>
              <p>{t('possibleFrom', { date: d(v.noticePossibleFrom) })}</p>
              <p>{v.effectiveIfGivenToday ? t('ifToday', { date: d(v.effectiveIfGivenToday) }) : t('notYet')}</p>
            </>
          )}
          {!v.change && isAdmin && v.effectiveIfGivenToday && (
            <form className="card" onSubmit={(e) => void submit(e)}>
              <label htmlFor="notice-motivation">{t('motivation')}</label>
              <textarea id="notice-motivation" required rows={4} maxLength={5000} value={form.motivation} onChange={(e) => setForm({ ...form, motivation: e.target.value })} {...f.field('motivation', 'notice-motivation', t('motivation'))} />
              {f.at('notice-motivation')}
              <label htmlFor="notice-date">{t('later')}</label>
              <input id="notice-date" type="date" value={form.effectiveAt} onChange={(e) => setForm({ ...form, effectiveAt: e.target.value })} {...f.field('effectiveAt', 'notice-date', t('later'))} />
              {f.at('notice-date')}
              <label className="check">
                <input type="checkbox" required checked={form.confirmed} onChange={(e) => setForm({ ...form, confirmed: e.target.checked })} /> {t('confirm')}
              </label>
              {f.summary()}
              <div className="row">
                <button type="submit" className="primary" disabled={give.busy}>
                  {t('submit')}
                </button>
              </div>
            </form>
          )}
          {give.done && <p className="ok" role="status">{t('done')}</p>}
        </>
      )}
    </section>
  );
}
