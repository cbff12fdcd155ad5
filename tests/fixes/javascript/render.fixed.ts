export function render(el: HTMLElement, name: string): void {
  el.textContent = `<b>${name}</b>`;
}
