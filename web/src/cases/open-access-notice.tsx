import { useGet } from '../api/client.ts';
import { useTexts } from '../components.tsx';
import { Link } from '../router.tsx';
import { type CaseView } from './types.ts';
import { words } from './words.ts';

/**
 * Art. 22: the local partner opens its access window only after signing the standard clause. Whether the caller is
 * that partner, and what it lacks, is the API's answer (`GET /authz/explain` for `transition:open-access` on this
 * case), never the page's guess: the link shows only when the one thing missing is the clause.
 */
export function OpenAccessNotice({ c }: { c: CaseView }) {
  const t = useTexts(words);
  const waiting = c.type === 'disclosure' && c.state === 'awaiting_access' && !(c.availableActions ?? []).includes('open-access');
  const why = useGet(waiting ? '/api/v1/authz/explain' : null, { query: { action: 'transition:open-access', subject: 'Case', id: c.id } });
  if (!waiting || !why.data?.missing?.includes('nda:disclosure')) return null;
  return (
    <div className="notice">
      <p>{t('openAccessNote')}</p>
      <Link to="/my?kind=disclosure">{t('signClause')}</Link>
    </div>
  );
}
