// Finds where JSON text stops being valid. V8's JSON.parse messages only sometimes carry a position,
// and users need "line 12, column 5" to fix a hand-edited config.

export interface JsonErrorPosition {
  offset: number;
  line: number;
  column: number;
  reason: string;
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** Returns undefined when the text is valid JSON. */
export function findJsonError(text: string): JsonErrorPosition | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntaxError(i, reason);
  };
  const describe = (): string => (i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expectWord = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const parseString = (): void => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in string');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('bad escape in string');
      } else if (c.charCodeAt(0) < 0x20) fail('control character in string (a line break inside quotes?)');
      else i++;
    }
    fail('unterminated string');
  };
  const parseNumber = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '' || match[0] === '-') fail('bad number');
    else i += match[0].length;
  };
  // Iterative, with an explicit stack of open containers: nesting depth is the input's to choose, and 200,000
  // nested "[" must give a position, not overflow the call stack.
  const stack: Array<'{' | '['> = [];
  /** Reads one scalar, or opens a container; returns true when a whole value has been read. */
  const startValue = (): boolean => {
    skipSpace();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skipSpace();
      const close = c === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
        return true;
      }
      stack.push(c);
      if (c === '{') startMember();
      return false;
    }
    if (c === '"') parseString();
    else if (c === 't') expectWord('true');
    else if (c === 'f') expectWord('false');
    else if (c === 'n') expectWord('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) parseNumber();
    else fail(`${describe()} where a value should be`);
    return true;
  };
  /** Inside an object, before a member's value: the name and the colon. */
  const startMember = (): void => {
    skipSpace();
    if (text[i] !== '"') fail(`${describe()} where a property name in double quotes should be`);
    parseString();
    skipSpace();
    if (text[i] !== ':') fail(`${describe()} where ":" should be`);
    i++;
  };
  const parseValue = (): void => {
    let complete = startValue();
    while (stack.length > 0) {
      if (!complete) {
        complete = startValue();
        continue;
      }
      // A value inside the innermost container is done: a comma for the next one, or the container closes.
      const open = stack[stack.length - 1] as '{' | '[';
      const close = open === '{' ? '}' : ']';
      skipSpace();
      if (text[i] === ',') {
        i++;
        skipSpace();
        if (text[i] === close) fail(`trailing comma before "${close}"`);
        if (open === '{') startMember();
        complete = false;
        continue;
      }
      if (text[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      fail(`${describe()} where "," or "${close}" should be`);
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark from some editors
    parseValue();
    skipSpace();
    if (i < text.length) fail(`${describe()} after the end of the document`);
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - before.lastIndexOf('\n');
    return { offset: error.offset, line, column, reason: error.message };
  }
}
