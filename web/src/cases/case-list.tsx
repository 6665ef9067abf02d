import { useState } from 'react';
import { ErrorMessage, Loading, Page, Pager, useTexts } from '../components.tsx';
import { CaseTable, useCaseWords } from '../shared.tsx';
import { type CaseQuery, useCasePage } from './case-page.ts';
import { words } from './words.ts';
import { caseListFrEs } from './case-list.words.fr-es.ts';

const TYPES = ['disclosure', 'restriction', 'complaint'] as const;
const STATUSES = ['open', 'closed'] as const;

export function CaseList() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const l = useTexts(listWords);
  const [type, setType] = useState<CaseQuery['type']>();
  const [status, setStatus] = useState<CaseQuery['status']>();
  // Issue 14: filtered and paged on the server.
  const list = useCasePage({ ...(type ? { type } : {}), ...(status ? { status } : {}) }, 25);
  return (
    <Page title={t('title')}>
      <div className="row">
        <label htmlFor="case-type">{t('type')}</label>
        <select id="case-type" value={type ?? ''} onChange={(e) => { setType(TYPES.find((x) => x === e.target.value)); list.setPage(1); }}>
          <option value="">{t('all')}</option>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {cw.type(x)}
            </option>
          ))}
        </select>
        <label htmlFor="case-status">{l('status')}</label>
        <select id="case-status" value={status ?? ''} onChange={(e) => { setStatus(STATUSES.find((x) => x === e.target.value)); list.setPage(1); }}>
          <option value="">{l('any')}</option>
          <option value="open">{l('open')}</option>
          <option value="closed">{l('closed')}</option>
        </select>
      </div>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'Case' }} />
      {list.data !== undefined && <CaseTable cases={list.items} caption={t('mine')} empty={t('none')} />}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
    </Page>
  );
}

const listWords = {
  en: { status: 'Show', open: 'open cases', closed: 'closed cases', any: 'all cases' },
  nl: { status: 'Tonen', open: 'open zaken', closed: 'gesloten zaken', any: 'alle zaken' },
};
// French and Spanish (issue 14, item 6)
Object.assign(listWords, caseListFrEs);
