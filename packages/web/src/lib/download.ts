/** Saves text as a file the person downloads; nothing leaves the browser. */
export function saveFile(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Saves a value as pretty-printed JSON. */
export function saveJson(name: string, value: unknown): void {
  saveFile(name, JSON.stringify(value, null, 2) + '\n');
}
