import type { ReactNode } from 'react';
import { Workflow } from 'lucide-react';

export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="flex min-h-full items-center justify-center bg-zinc-950 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2 text-zinc-100">
          <span className="flex h-8 w-8 items-center justify-center rounded-md bg-sky-600/20 text-sky-400">
            <Workflow className="h-4 w-4" aria-hidden />
          </span>
          <span className="text-sm font-semibold tracking-tight">ResolutionFlow</span>
        </div>
        <div className="rounded-lg border border-zinc-800 bg-zinc-900/70 p-6 shadow-xl shadow-black/30">
          <h1 className="text-lg font-semibold text-zinc-100">{title}</h1>
          {subtitle && <p className="mt-1 text-xs text-zinc-400">{subtitle}</p>}
          <div className="mt-5">{children}</div>
        </div>
        {footer && <div className="mt-4 text-center text-xs text-zinc-500">{footer}</div>}
      </div>
    </div>
  );
}
