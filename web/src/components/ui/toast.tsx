import { CheckCircle2, Info, X, XCircle } from 'lucide-react';
import { create } from 'zustand';
import { cn } from '@/lib/utils';

export type ToastKind = 'success' | 'error' | 'info';

export type Toast = { id: number; kind: ToastKind; title: string; description?: string };

type ToastState = {
  /** Toasts on screen, oldest first (at most five). */
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id'>) => number;
  dismiss: (id: number) => void;
};

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    // The same message twice in a row (a burst of failing queries) is shown once.
    const last = get().toasts.at(-1);
    if (last && last.title === toast.title && last.kind === toast.kind) return last.id;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-5) }));
    const ms = toast.kind === 'error' ? 8000 : 4000;
    timers.set(
      id,
      setTimeout(() => get().dismiss(id), ms),
    );
    return id;
  },
  dismiss: (id) => {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

export const toast = {
  success: (title: string, description?: string) =>
    useToastStore.getState().push({ kind: 'success', title, description }),
  error: (title: string, description?: string) => useToastStore.getState().push({ kind: 'error', title, description }),
  info: (title: string, description?: string) => useToastStore.getState().push({ kind: 'info', title, description }),
};

const icons = {
  success: <CheckCircle2 className="h-4 w-4 text-emerald-400" aria-hidden />,
  error: <XCircle className="h-4 w-4 text-red-400" aria-hidden />,
  info: <Info className="h-4 w-4 text-sky-400" aria-hidden />,
};

export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div
      aria-live="polite"
      aria-label="Notifications"
      className="pointer-events-none fixed bottom-4 right-4 z-[100] flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
    >
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-kind={t.kind}
          className={cn(
            'pointer-events-auto flex items-start gap-2 rounded-md border bg-zinc-900 px-3 py-2',
            'shadow-xl shadow-black/40',
            t.kind === 'error' ? 'border-red-800' : t.kind === 'success' ? 'border-emerald-800' : 'border-zinc-700',
          )}
        >
          <span className="mt-0.5">{icons[t.kind]}</span>
          <div className="min-w-0 flex-1">
            <p className="text-sm text-zinc-100">{t.title}</p>
            {t.description && <p className="mt-0.5 break-words text-xs text-zinc-400">{t.description}</p>}
          </div>
          <button
            type="button"
            aria-label="Dismiss notification"
            onClick={() => dismiss(t.id)}
            className="rounded p-0.5 text-zinc-500 hover:bg-zinc-800 hover:text-zinc-200"
          >
            <X className="h-3.5 w-3.5" />
          </button>
        </div>
      ))}
    </div>
  );
}
