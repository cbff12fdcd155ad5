export function render(el: HTMLElement, name: string): void {
  el.innerHTML = `<b>${name}</b>`;
}
