// Copy text for a "Copy" button. The asynchronous Clipboard API needs a secure context
// (HTTPS or localhost); a server reached over plain HTTP on the LAN gets the older
// selection-based copy instead.

export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused or no focus: try the fallback below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  const previous = document.activeElement as HTMLElement | null;
  area.select();
  let ok = false;
  try {
    ok = typeof document.execCommand === 'function' && document.execCommand('copy');
  } finally {
    area.remove();
    previous?.focus?.();
  }
  if (!ok) throw new Error('Copy is not available here');
}
