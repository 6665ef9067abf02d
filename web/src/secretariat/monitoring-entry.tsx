import { type FormEvent, useState } from 'react';
import { call, client, useGet } from '../api/client.ts';
import type { paths } from '../api/schema';
import type { Body } from '../api/types.ts';
import { ErrorMessage, Page, useAction, useTexts, useValues } from '../components.tsx';
import { words } from './words.ts';

type Round = NonNullable<paths['/api/v1/monitoring/results/{companyId}/{round}']['put']>['parameters']['path']['round'];
type Signal = Body<'put', '/api/v1/monitoring/results/{companyId}/{round}'>['signal'];

export function MonitoringEntry() {
  const t = useTexts(words);
  const v = useValues();
  const orgs = useGet('/api/v1/organisations');
  const companies = (orgs.data ?? []).filter((o) => o.kind === 'company');
  const [companyId, setCompanyId] = useState('');
  const [round, setRound] = useState<Round>('baseline');
  const [finalScore, setFinalScore] = useState(60);
  const [signal, setSignal] = useState<Signal>('orange');
  const [advice, setAdvice] = useState('');
  const [sections, setSections] = useState([1, 2, 3, 4, 5, 6].map((step) => ({ step, score: 60, advice: '' })));
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(() => call(client.PUT('/api/v1/monitoring/results/{companyId}/{round}', { params: { path: { companyId, round } }, body: { finalScore, signal, advice: advice.trim(), sections: sections.map((s) => ({ ...s, advice: s.advice.trim() })) } })));
  };
  return (
    <Page title={t('monitoring')}>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <label htmlFor="mon-company">{t('company')}</label>
        <select id="mon-company" required value={companyId} onChange={(e) => setCompanyId(e.target.value)}>
          <option value="" />
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor="mon-round">{t('round')}</label>
        <select id="mon-round" value={round} onChange={(e) => setRound(e.target.value as Round)}>
          <option value="baseline">{v('round', 'baseline')}</option>
          <option value="year2">{v('round', 'year2')}</option>
          <option value="year4">{v('round', 'year4')}</option>
        </select>
        <label htmlFor="mon-score">{t('finalScore')}</label>
        <input id="mon-score" type="number" min={0} max={100} required value={finalScore} onChange={(e) => setFinalScore(Number(e.target.value))} />
        <label htmlFor="mon-signal">{t('signal')}</label>
        <select id="mon-signal" value={signal} onChange={(e) => setSignal(e.target.value as Signal)}>
          <option value="green">{v('signal', 'green')}</option>
          <option value="orange">{v('signal', 'orange')}</option>
          <option value="red">{v('signal', 'red')}</option>
        </select>
        <label htmlFor="mon-advice">{t('advice')}</label>
        <textarea id="mon-advice" required value={advice} onChange={(e) => setAdvice(e.target.value)} />
        {sections.map((s, i) => (
          <fieldset key={s.step}>
            <legend>{t('section', { n: s.step })}</legend>
            <label htmlFor={`sec-score-${i}`}>{t('score')}</label>
            <input
              id={`sec-score-${i}`}
              type="number"
              min={0}
              max={100}
              required
              value={s.score}
              onChange={(e) => setSections(sections.map((x, j) => (j === i ? { ...x, score: Number(e.target.value) } : x)))}
            />
            <label htmlFor={`sec-advice-${i}`}>{t('advice')}</label>
            <textarea id={`sec-advice-${i}`} required value={s.advice} onChange={(e) => setSections(sections.map((x, j) => (j === i ? { ...x, advice: e.target.value } : x)))} />
          </fieldset>
        ))}
        <ErrorMessage error={action.error} />
        {action.done && <p className="ok" role="status">{t('stored')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy || !companyId}>
            {t('store')}
          </button>
        </div>
      </form>
    </Page>
  );
}
