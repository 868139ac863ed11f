import { ContentLayout } from '@/components/layouts/content-layout';
import { TargetListsManager } from '@/features/target-lists/components/target-lists-table';
import { useCanWrite } from '@/lib/auth';

export function TargetListsRoute() {
  const canWrite = useCanWrite();
  return (
    <ContentLayout
      title="Target Lists"
      subtitle="Saved sets of servers, tenants or devices for batch launches and schedules."
    >
      <TargetListsManager canWrite={canWrite} />
    </ContentLayout>
  );
}
