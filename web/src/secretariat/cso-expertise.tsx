import { type FormEvent, useState } from 'react';
import { useGet } from '../api/client.ts';
import { ErrorMessage, Loading, Page, useTexts, useValues, WhyLink } from '../components.tsx';
import { navigate, useLocation } from '../router.tsx';
import { groupOf, useSession } from '../session.tsx';
import { NetworkForm } from '../cso/network-form.tsx';
import { words } from './words.ts';

export function CsoExpertise() {
  const t = useTexts(words);
  const { query } = useLocation();
  const { me } = useSession();
  const v = useValues();
  const chosen = query.get('organisation') ?? '';
  // someone else who follows a link here gets the reason, not a form the API would refuse
  const staff = me !== null && groupOf(me) === 'secretariat';
  const orgs = useGet(staff ? '/api/v1/organisations' : null);
  // the API keeps entries for NGOs and unions only (CsoExpertiseService.replace, art. 22): a local partner's network
  // is reported through its NGO
  const csos = (orgs.data ?? [])
    .filter((o) => o.kind === 'ngo' || o.kind === 'union')
    .sort((a, b) => a.name.localeCompare(b.name));
  // the choice follows the address: a pick made for another address (back, a link) gives way to the one chosen now
  const [picked, setPicked] = useState({ for: chosen, value: chosen });
  const pick = picked.for === chosen ? picked.value : chosen;
  const setPick = (value: string) => setPicked({ for: chosen, value });
  const [opened, setOpened] = useState(false); // focus moves to the form only when the person opened it here
  const org = csos.find((o) => o.id === chosen);
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (!pick) return;
    setOpened(true);
    navigate(`/secretariat/expertise?organisation=${encodeURIComponent(pick)}`);
  };
  const group = (kind: string, label: string) => {
    const list = csos.filter((o) => o.kind === kind);
    return list.length ? (
      <optgroup label={label}>
        {list.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
            {o.status && o.status !== 'active' ? ` (${v('orgStatus', o.status)})` : ''}
          </option>
        ))}
      </optgroup>
    ) : null;
  };
  return (
    <Page title={t('expertise')}>
      <p className="muted">{t('expertiseIntro')}</p>
      {!staff && (
        <div className="notice">
          <p>{t('expertiseNotStaff')}</p>
          <WhyLink action="update" subject="CsoExpertise" {...(chosen ? { id: chosen } : {})} />
        </div>
      )}
      {orgs.loading && <Loading />}
      <ErrorMessage error={orgs.error} />
      {orgs.data !== undefined && csos.length === 0 && <p className="muted">{t('expertiseNone')}</p>}
      {csos.length > 0 && (
        <form className="card" onSubmit={open}>
          <label htmlFor="exp-org">{t('expertiseOrg')}</label>
          <select id="exp-org" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{t('expertisePick')}</option>
            {group('ngo', t('kindNgo'))}
            {group('union', t('kindUnion'))}
          </select>
          <div className="row">
            <button type="submit" disabled={!pick || pick === chosen}>
              {t('expertiseOpen')}
            </button>
          </div>
        </form>
      )}
      {org && <NetworkForm key={org.id} organisationId={org.id} organisationName={org.name} by="secretariat" focusOnOpen={opened} />}
      {chosen && orgs.data !== undefined && !org && <p className="error" role="alert">{t('expertiseUnknown')}</p>}
    </Page>
  );
}
