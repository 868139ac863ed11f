import { Component, type ErrorInfo, type ReactNode } from 'react';

type State = { error: Error | null };

/** Last line of defence: a render error shows this instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Unhandled render error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="flex h-screen w-screen flex-col items-center justify-center gap-3 text-zinc-300">
        <h2 className="text-lg font-semibold">Something went wrong</h2>
        <p className="max-w-md text-center text-sm text-zinc-500">{this.state.error.message}</p>
        <button
          type="button"
          className="rounded-md bg-sky-600 px-3 py-1.5 text-sm text-white hover:bg-sky-500"
          onClick={() => window.location.assign(window.location.origin)}
        >
          Reload
        </button>
      </div>
    );
  }
}
