// The bearer token lives in memory and is mirrored to localStorage so that a reload or a
// session opened in a new tab stays signed in (ADR 0004). localStorage is scoped to this
// origin; the server's CSP keeps other origins' scripts out. Every change is broadcast to
// subscribers (the router's auth guard) and, through the `storage` event, to other tabs,
// so signing out in one tab signs out all of them.

const STORAGE_KEY = 'rf.token';

type Listener = () => void;

let token: string | null = readStorage();
const listeners = new Set<Listener>();

function readStorage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeStorage(value: string | null) {
  try {
    if (value) globalThis.localStorage?.setItem(STORAGE_KEY, value);
    else globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, policy): the token then lives in memory only.
  }
}

function emit() {
  for (const listener of listeners) listener();
}

export const tokenStore = {
  get: (): string | null => token,
  set: (value: string) => {
    token = value;
    writeStorage(value);
    emit();
  },
  clear: () => {
    if (token === null && readStorage() === null) return;
    token = null;
    writeStorage(null);
    emit();
  },
  subscribe: (listener: Listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    token = event.newValue;
    emit();
  });
}
