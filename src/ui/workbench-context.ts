import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchState } from '../app/state.js';
import type { Workbench } from '../app/workbench.js';
import type { Theme } from './theme.js';

export interface WorkbenchView {
  workbench: Workbench;
  theme: Theme;
}

export const WorkbenchContext = createContext<WorkbenchView | null>(null);

export function useWorkbenchView(): WorkbenchView {
  const view = useContext(WorkbenchContext);
  if (!view) throw new Error('workbench components must be inside <WorkbenchContext.Provider>');
  return view;
}

/** One slice (or value) of the workbench state; the component re-renders only when it changes. */
export function useSlice<T>(selector: (state: WorkbenchState) => T): T {
  return useStore(useWorkbenchView().workbench.store, selector);
}
