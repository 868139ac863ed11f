import { CheckCircle2, CircleDashed, PlayCircle } from 'lucide-react';
import type { SessionStatus } from '@/types/api';
import { Badge } from './ui/badge';

export const STATUS_LABELS: Record<SessionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
};

export function StatusBadge({ status }: { status: SessionStatus }) {
  if (status === 'completed')
    return (
      <Badge tone="emerald">
        <CheckCircle2 className="h-3 w-3" aria-hidden />
        {STATUS_LABELS.completed}
      </Badge>
    );
  if (status === 'in_progress')
    return (
      <Badge tone="sky">
        <PlayCircle className="h-3 w-3" aria-hidden />
        {STATUS_LABELS.in_progress}
      </Badge>
    );
  return (
    <Badge>
      <CircleDashed className="h-3 w-3" aria-hidden />
      {STATUS_LABELS.not_started}
    </Badge>
  );
}
