import { useState } from 'react';
import { ErrorMessage, Loading, Page, Pager, useTexts } from '../components.tsx';
import { type CaseSummary, CaseTable, useCaseWords, usePaged } from '../shared.tsx';
import { words } from './words.ts';

export function CaseList() {
  const t = useTexts(words);
  const cw = useCaseWords();
  const [type, setType] = useState('');
  const list = usePaged<CaseSummary>(`/cases${type ? `?type=${type}` : ''}`, 25);
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
      </div>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} why={{ action: 'list', subject: 'Case' }} />
      {list.data !== undefined && <CaseTable cases={list.items} caption={t('mine')} empty={t('none')} />}
      <Pager page={list.page} hasNext={list.hasNext} onPage={list.setPage} />
    </Page>
  );
}
