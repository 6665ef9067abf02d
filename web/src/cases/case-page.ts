import { useState } from 'react';
import { useGet } from '../api/client.ts';
import type { GetParams } from '../api/types.ts';

/** The filters of GET /cases (type, state, open or closed), as the generated client types them. */
export type CaseQuery = Omit<NonNullable<GetParams<'/api/v1/cases'>['query']>, 'page' | 'pageSize'>;

/**
 * One page of the caller's cases, filtered and paged on the server (issue 14), through the generated client: the
 * answer is the API's `CasePageDto`, so a changed list breaks the build instead of the page (issue 14, item 8).
 */
export function useCasePage(query: CaseQuery, pageSize = 25) {
  const [page, setPage] = useState(1);
  const loaded = useGet('/api/v1/cases', { query: { ...query, page, pageSize } });
  const items = loaded.data?.items ?? [];
  const total = loaded.data?.total;
  const hasNext = total !== undefined ? page * pageSize < total : items.length >= pageSize;
  return { ...loaded, items, page, setPage, hasNext };
}
