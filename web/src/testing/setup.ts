import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { useToastStore } from '@/components/ui/toast';
import { tokenStore } from '@/lib/token-store';

afterEach(() => {
  cleanup();
  tokenStore.clear();
  localStorage.clear();
  useToastStore.setState({ toasts: [] });
  vi.unstubAllGlobals();
});
