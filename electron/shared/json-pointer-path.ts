// Where a problem is, as people write it: Ajv says "/monitors/2/port" (a JSON Pointer, RFC 6901), a message
// says "monitors[2].port". The one converter, for the config, the contract and what the store reads back.

/** "/monitors/2/port" under base "" is "monitors[2].port"; "/port" under base "monitors[2]" is the same. */
export function jsonPointerToPath(pointer: string, base = ''): string {
  // "~1" and "~0" are the pointer's escapes for "/" and "~", undone in that order (RFC 6901, section 4).
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = base;
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  return path;
}
