export function render(el: HTMLElement, name: string): void {
  el.innerHTML = `<b>${escapeHtml(name)}</b>`;
}

// Escapes the characters HTML gives a meaning to, so the value is shown as text inside markup.
function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
