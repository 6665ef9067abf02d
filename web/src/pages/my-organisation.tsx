import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useGet } from '../api/client.ts';
import type { components } from '../api/schema';
import type { Answer, Body } from '../api/types.ts';
import { ErrorMessage, Loading, Page, useAction, useApi, useNdaName, useNow } from '../components.tsx';
import { useFieldErrors } from '../form-errors.tsx';
import { formatDate, type Key } from '../i18n.ts';
import { useLocation } from '../router.tsx';
import { useMe, useSession } from '../session.tsx';
import { TaskList } from '../tasks.tsx';
import { MembershipHeadlines } from './membership-headlines.tsx';
import { MembershipNotice } from './membership-notice.tsx';

/** An NDA text and a signature as `GET /api/v1/ndas/texts` and `/ndas/signatures` answer them (generated schema). */
export type NdaText = components['schemas']['NdaTextDto'];
export type NdaSignature = components['schemas']['NdaSignatureDto'];

const DAY = 86_400_000;

/** active / expiring / expired / revoked / outdated: a missing, expired, revoked or outdated NDA grants nothing. */
export function signatureStatus(s: NdaSignature, now: number): 'active' | 'expiring' | 'expired' | 'revoked' | 'outdated' {
  if (s.revokedAt || s.status === 'revoked') return 'revoked';
  const until = s.expiresAt;
  if (Date.parse(until) <= now) return 'expired';
  // an older version (the service says so); a signature of the current version in another language is current
  if (s.status === 'superseded') return 'outdated';
  if (Date.parse(until) - now < 60 * DAY) return 'expiring';
  return 'active';
}

/** "My organisation" (issue 8, item 2): the organisation's NDAs, the current texts, signing, what is expiring. */
export function MyOrganisationPage() {
  const session = useSession();
  const { t, language, reloadMe } = session;
  const me = useMe();
  const { query } = useLocation();
  const ndaName = useNdaName();
  // the texts in the page's language where they are published in it, else in Dutch, the original (issue 14, item 6)
  const texts = useApi<Answer<'get', '/api/v1/ndas/texts'>>(`/ndas/texts?language=${language}`);
  const signatures = useGet('/api/v1/ndas/signatures');
  // the secretariat sees every organisation's signatures: the signature names only the organisation's id
  const secretariat = me.organisation.kind === 'secretariat';
  const organisations = useGet(secretariat ? '/api/v1/organisations' : null);
  const organisationName = (id: string) => (id === me.organisation.id ? me.organisation.name : (organisations.data?.find((o) => o.id === id)?.name ?? '—'));
  // the text a link names (`?kind=…`, e.g. from "why can't I see this?") is open; a new link opens its own
  const kind = query.get('kind');
  const [chosen, setChosen] = useState<{ forKind: string | null; open: string | null }>({ forKind: kind, open: kind });
  const open = chosen.forKind === kind ? chosen.open : kind;
  const setOpen = (o: string | null) => setChosen({ forKind: kind, open: o });

  const textList = texts.data ?? [];
  const now = useNow();
  const sigs = (signatures.data ?? []).filter((s) => secretariat || s.organisationId === me.organisation.id);
  const expiring = sigs.filter((s) => signatureStatus(s, now) === 'expiring');

  return (
    <Page title={t('nav.my')}>
      <TaskList />
      <p>
        {me.organisation.name} · {t(`kind.${me.organisation.kind}` as Key)}
      </p>
      {(me.organisation.isParty ?? me.organisation.party) && <MembershipNotice />}
      {(me.organisation.isParty ?? me.organisation.party) && <MembershipHeadlines />}
      <h2>{t('nda.title')}</h2>
      <p className="muted">{t('nda.intro')}</p>
      {expiring.length > 0 && (
        <div className="notice" role="status">
          <h3>{t('nda.expiringTitle')}</h3>
          <ul>
            {expiring.map((s) => (
              <li key={s.id}>
                {ndaName(s.kind).name} — {formatDate(language, s.expiresAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('nda.signed')}</h3>
      {signatures.loading && <Loading />}
      <ErrorMessage error={signatures.error} />
      {signatures.data !== undefined && sigs.length === 0 && <p>{t('nda.none')}</p>}
      {sigs.length > 0 && (
        // wider than a phone: a region the keyboard can scroll (axe scrollable-region-focusable)
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('nda.signed')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('nda.kind')}</th>
                {secretariat && <th scope="col">{t('common.organisation')}</th>}
                <th scope="col">{t('nda.version')}</th>
                <th scope="col">{t('nda.language')}</th>
                <th scope="col">{t('nda.signer')}</th>
                <th scope="col">{t('nda.signedAt')}</th>
                <th scope="col">{t('nda.validUntil')}</th>
                <th scope="col">{t('nda.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sigs.map((s) => {
                const status = signatureStatus(s, now);
                return (
                  <tr key={s.id}>
                    <td>{ndaName(s.kind).name}</td>
                    {secretariat && <td>{organisationName(s.organisationId)}</td>}
                    <td>{s.version}</td>
                    <td>{t(`lang.name.${s.language}` as Key)}</td>
                    <td>{s.signerName}</td>
                    <td>{formatDate(language, s.signedAt)}</td>
                    <td>{formatDate(language, s.expiresAt)}</td>
                    <td>
                      <span className={`badge ${status}`}>{t(`nda.${status}` as Key)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('nda.texts')}</h3>
      {texts.loading && <Loading />}
      <ErrorMessage error={texts.error} />
      <ul className="plain">
        {textList.map((text) => (
          <li key={text.kind} className="card">
            <h4>
              {ndaName(text.kind).name} <span className="muted">({ndaName(text.kind).ref}, {t('nda.version').toLowerCase()} {text.version})</span>
            </h4>
            {open === text.kind ? (
              <SignForm
                text={text}
                onSigned={() => {
                  signatures.reload();
                  void reloadMe(); // the new agreement's grants show at once (e.g. "open access" on a case)
                  void session.reloadSecondFactor(); // the art-22 clause asks for a second factor: its set-up page follows at once
                }}
                onCancel={() => setOpen(null)}
              />
            ) : (
              <button type="button" onClick={() => setOpen(text.kind)} aria-label={`${t('nda.read')}: ${ndaName(text.kind).name}`}>
                {t('nda.read')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}

/** Shows the full text and its SHA-256 (recomputed in the browser), then the typed name and the confirmation. */
function SignForm({ text, onSigned, onCancel }: { text: NdaText; onSigned: () => void; onCancel: () => void }) {
  const { t, language } = useSession();
  const me = useMe();
  const [name, setName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [localHash, setLocalHash] = useState<string | null>(null);
  const action = useAction();
  const f = useFieldErrors(action.error);
  useEffect(() => {
    if (!crypto?.subtle) return;
    void crypto.subtle.digest('SHA-256', new TextEncoder().encode(text.text)).then((buf) =>
      setLocalHash([...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('')),
    );
  }, [text.text]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Body<'post', '/api/v1/ndas/signatures'> = { kind: text.kind, sha256: text.sha256, signerName: name.trim(), language: text.language };
    if (await action.run(() => api('POST', '/ndas/signatures', body))) onSigned();
  };
  const id = `nda-${text.kind}`;
  if (action.done)
    return (
      <p className="ok" role="status">
        {t('nda.signedOk')}
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)}>
      <h5 lang={text.language}>{text.title}</h5>
      <div className="nda-text" tabIndex={0} role="document" aria-label={text.title} lang={text.language}>
        {text.text}
      </div>
      {text.language !== language && <p className="muted small">{t('nda.originalOnly', { language: t(`lang.name.${text.language}` as Key) })}</p>}
      <p className="hash">
        {t('nda.sha')}: <code>{text.sha256}</code> {localHash && (localHash === text.sha256 ? '✓' : '≠ ' + localHash)}
      </p>
      <label htmlFor={`${id}-name`}>{t('nda.typeName', { org: me.organisation.name })}</label>
      <input id={`${id}-name`} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} {...f.field('signerName', `${id}-name`, t('nda.typeName', { org: me.organisation.name }))} />
      {f.at(`${id}-name`)}
      <label className="check">
        <input type="checkbox" required checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('nda.confirm')}
      </label>
      {f.summary()}
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy || !confirmed || !name.trim()}>
          {t('nda.sign')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
