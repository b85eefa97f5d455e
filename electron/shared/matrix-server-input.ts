// What people paste when asked for a Matrix server name, turned into the server name itself. Shared by the
// dashboard's "Add homeserver", the service and `matrix discover`, so all three accept the same input.
// The full grammar check stays in core (discovery/server-name.ts); this only finds the name in the text.

export type ServerNameInput = { ok: true; serverName: string; readAs?: string } | { ok: false; message: string };

/**
 * Accepts a bare name ("example.org", "example.org:8448", "[::1]:8448"), a URL ("https://matrix.example.org/"),
 * a user id ("@alice:example.org") or a room alias ("#room:example.org"), with surrounding spaces and trailing
 * slashes. `readAs` explains a rewrite, for the UI to show ("the server of @alice:example.org").
 */
export function serverNameFromInput(text: string): ServerNameInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Type a server name, such as example.org.' };

  const sigil = /^[@#!]/.exec(trimmed)?.[0];
  if (sigil !== undefined) {
    // A Matrix id: the server name is everything after the first colon (it may carry a port of its own).
    const colon = trimmed.indexOf(':');
    const server = colon > 0 ? trimmed.slice(colon + 1).replace(/\/+$/, '') : '';
    if (server === '') return { ok: false, message: `"${trimmed}" has no server part: a Matrix id looks like @alice:example.org.` };
    return bare(server, `the server of ${trimmed}`);
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return { ok: false, message: `"${trimmed}" is not a valid URL.` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `"${trimmed}" is not a web address: type the server name, such as example.org.` };
    // An explicit port is part of the server name; the scheme's default port is not.
    const name = url.port === '' ? url.hostname : `${url.hostname}:${url.port}`;
    return { ok: true, serverName: name.toLowerCase(), readAs: `the host of ${trimmed}` };
  }

  // "matrix.example.org/" or "example.org/_matrix/...": the part before the first slash.
  const slash = trimmed.indexOf('/');
  return bare(slash >= 0 ? trimmed.slice(0, slash) : trimmed);
}

function bare(name: string, readAs?: string): ServerNameInput {
  if (/\s/.test(name)) return { ok: false, message: `"${name}" has spaces in it: a server name has none.` };
  if (name === '') return { ok: false, message: 'Type a server name, such as example.org.' };
  return { ok: true, serverName: name.toLowerCase(), ...(readAs !== undefined ? { readAs } : {}) };
}
