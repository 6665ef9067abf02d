import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { api } from './api.ts';
import type { components } from './api/schema';
import type { Answer } from './api/types.ts';
import { useLoad } from './components.tsx';
import { useLocation } from './router.tsx';

/** One item of `GET /api/v1/me/tasks` (issue 14, item 1), as the OpenAPI document describes it. */
export type Task = components['schemas']['TaskDto'];

interface TasksValue {
  tasks: Task[] | undefined;
  error: unknown;
  loading: boolean;
}
const TasksContext = createContext<TasksValue>({ tasks: undefined, error: undefined, loading: false });

const loadTasks = (_path: string, signal: AbortSignal) => api<Answer<'get', '/api/v1/me/tasks'>>('GET', '/me/tasks', undefined, { signal });

/** Loads the signed-in person's to-do list once per page visited, for the header's count and the home page's list. */
export function TasksProvider({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  // after an action the person moves on to another page: the list is read again there (once per page visited)
  const loaded = useLoad(path, loadTasks);
  const value = useMemo(() => ({ tasks: loaded.data?.items, error: loaded.error, loading: loaded.loading }), [loaded.data, loaded.error, loaded.loading]);
  return <TasksContext.Provider value={value}>{children}</TasksContext.Provider>;
}

/** The signed-in person's to-do list as `TasksProvider` read it (the header's count and the home page's list). */
export const useTasks = () => useContext(TasksContext);
