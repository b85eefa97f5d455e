// Links leave the app only for the user's browser, and only as plain web addresses: a file:, javascript:
// or custom-scheme URL handed to the OS could run a local program.

export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  // Credentials in a link are a phishing trick (https://bank.example@evil.example), never a real need here.
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}
