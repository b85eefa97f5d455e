// A message as it reads under its field. The engine words an issue for any front ("monitors[0].url: is required
// for an http monitor"); under the URL field itself, "Required" says all of it.
export function fieldMessage(message: string): string {
  return /^is required\b/.test(message) ? 'Required' : message;
}
