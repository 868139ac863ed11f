// Client state of the session runner that several components share: which step or node
// is in focus and how the last save went. Server data (the session itself) stays in the
// query cache; this store never holds a copy of it.

import { create, type StateCreator } from 'zustand';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

type CursorSlice = {
  /** The session the runner shows; the other fields belong to it. */
  sessionId: string | null;
  /** Procedure: the id of the step in focus. Troubleshooting: unused (the path decides). */
  currentStepId: string | null;
  /** Show the runner for `sessionId`, focusing `stepId` (a reload resumes at the first open step). */
  open: (sessionId: string, stepId: string | null) => void;
  setCurrentStep: (stepId: string | null) => void;
};

type SaveSlice = {
  /** Progress of the PATCH that saves the latest change. */
  saveState: SaveState;
  /** When the last save succeeded (epoch ms), for "saved 5 s ago". */
  savedAt: number | null;
  setSaveState: (state: SaveState) => void;
};

export type RunnerState = CursorSlice & SaveSlice;

const createCursorSlice: StateCreator<RunnerState, [], [], CursorSlice> = (set) => ({
  sessionId: null,
  currentStepId: null,
  open: (sessionId, stepId) => set({ sessionId, currentStepId: stepId, saveState: 'idle', savedAt: null }),
  setCurrentStep: (stepId) => set({ currentStepId: stepId }),
});

const createSaveSlice: StateCreator<RunnerState, [], [], SaveSlice> = (set) => ({
  saveState: 'idle',
  savedAt: null,
  setSaveState: (saveState) => set(saveState === 'saved' ? { saveState, savedAt: Date.now() } : { saveState }),
});

export const useRunnerStore = create<RunnerState>()((...args) => ({
  ...createCursorSlice(...args),
  ...createSaveSlice(...args),
}));
