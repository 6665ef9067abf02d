import { useState } from 'react';
import { ErrorMessage, Loading, Page, Pager, useTexts } from '../components.tsx';
import { type CaseSummary, CaseTable, useCaseWords, usePaged } from '../shared.tsx';
import { words } from './words.ts';
import { caseListFrEs } from './case-list.words.fr-es.ts';

export function CaseList() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const l = useTexts(listWords);
  const [type, setType] = useState('');
  const [status, setStatus] = useState('');
  // Issue 14: filtered and paged on the server.
  const query = new URLSearchParams({ ...(type ? { type } : {}), ...(status ? { status } : {}) }).toString();
  const list = usePaged<CaseSummary>(query ? `/cases?${query}` : '/cases', 25);
  return (
    <Page title={t('title')}>
      <div className="row">
        <label htmlFor="case-type">{t('type')}</label>
        <select id="case-type" value={type} onChange={(e) => { setType(e.target.value); list.setPage(1); }}>
          <option value="">{t('all')}</option>
          {['disclosure', 'restriction', 'complaint'].map((x) => (
            <option key={x} value={x}>
              {cw.type(x)}
            </option>
          ))}
        </select>
        <label htmlFor="case-status">{l('status')}</label>
        <select id="case-status" value={status} onChange={(e) => { setStatus(e.target.value); list.setPage(1); }}>
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
