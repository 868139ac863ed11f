import { AlertTriangle, CheckSquare, Info, Play } from 'lucide-react';
import type { ContentType } from '@/types/api';

export const CONTENT_TYPE_LABELS: Record<ContentType, string> = {
  action: 'Action',
  verification: 'Verification',
  information: 'Information',
  warning: 'Warning',
};

export function ContentTypeIcon({
  type,
  className = 'h-3.5 w-3.5',
}: {
  type: ContentType | undefined;
  className?: string;
}) {
  switch (type) {
    case 'warning':
      return <AlertTriangle className={`${className} text-amber-400`} aria-label="Warning" />;
    case 'verification':
      return <CheckSquare className={`${className} text-emerald-400`} aria-label="Verification" />;
    case 'information':
      return <Info className={`${className} text-sky-400`} aria-label="Information" />;
    default:
      return <Play className={`${className} text-zinc-400`} aria-label="Action" />;
  }
}
