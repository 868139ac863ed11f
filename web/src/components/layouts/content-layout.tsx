import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

type ContentLayoutProps = {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  breadcrumb?: ReactNode;
  children: ReactNode;
  className?: string;
};

/** A page: a sticky header (breadcrumb, title, actions) above scrolling content. */
export function ContentLayout({ title, subtitle, actions, breadcrumb, children, className }: ContentLayoutProps) {
  return (
    <div className="flex min-h-full flex-col">
      <header className="sticky top-0 z-20 border-b border-zinc-800 bg-zinc-950/95 px-6 py-3 backdrop-blur">
        {breadcrumb && <div className="mb-1 text-xs text-zinc-500">{breadcrumb}</div>}
        <div className="flex items-center justify-between gap-4">
          <div className="min-w-0">
            <h1 className="truncate text-base font-semibold text-zinc-100">{title}</h1>
            {subtitle && <div className="mt-0.5 text-xs text-zinc-400">{subtitle}</div>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </div>
      </header>
      <div className={cn('flex-1 px-6 py-4', className)}>{children}</div>
    </div>
  );
}
