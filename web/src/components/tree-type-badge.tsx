import { GitBranch, ListChecks, Wrench } from 'lucide-react';
import type { TreeType } from '@/types/api';
import { Badge } from './ui/badge';

export const TREE_TYPE_LABELS: Record<TreeType, string> = {
  troubleshooting: 'Troubleshooting',
  procedural: 'Project',
  maintenance: 'Maintenance',
};

export function TreeTypeIcon({ type, className = 'h-3.5 w-3.5' }: { type: TreeType; className?: string }) {
  if (type === 'maintenance') return <Wrench className={`${className} text-amber-400`} aria-hidden />;
  if (type === 'troubleshooting') return <GitBranch className={`${className} text-violet-400`} aria-hidden />;
  return <ListChecks className={`${className} text-sky-400`} aria-hidden />;
}

/** The type of a flow at a glance: maintenance amber with a wrench, troubleshooting violet, projects sky. */
export function TreeTypeBadge({ type }: { type: TreeType }) {
  const tone = type === 'maintenance' ? 'amber' : type === 'troubleshooting' ? 'violet' : 'sky';
  return (
    <Badge tone={tone} data-tree-type={type}>
      <TreeTypeIcon type={type} className="h-3 w-3" />
      {TREE_TYPE_LABELS[type]}
    </Badge>
  );
}
