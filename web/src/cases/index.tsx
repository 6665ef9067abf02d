import { route } from '../router.tsx';
import { Routes } from '../section-routes.tsx';
import { CaseDetail } from './case-detail.tsx';
import { CaseList } from './case-list.tsx';

/**
 * Cases (art. 22-24, 83-84), for every group: the list (paged on the server) and one case with its state, timeline,
 * deadlines and whatever the caller may do now (the API's `availableActions`): vote, consent, open access, see the
 * disclosed locations, report, confirm matches, the dialogue. The page shows only the fields the API returned.
 */
export default function CasePages() {
  return <Routes routes={CASE_ROUTES} fallback={<CaseList />} />;
}

const CASE_ROUTES = [route('/cases/:id', ({ id }) => <CaseDetail id={id} key={id} />)];
