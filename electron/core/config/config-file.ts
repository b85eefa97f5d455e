// Reads a config file from disk: a missing file, bad JSON and invalid fields all become a ConfigError
// whose message names the file, the field and the reason.
import { readFile } from 'node:fs/promises';
import { ConfigError, parseJsonWithPosition, validateConfig, type ValidConfig } from '../../shared/config-validation.ts';

export async function readConfigFile(path: string): Promise<ValidConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError([{ path: '', message: `config file ${path} ${reason}` }], 'invalid config');
  }
  const parsed = parseJsonWithPosition(text, `config file ${path}`);
  const result = validateConfig(parsed);
  if (!result.ok) throw new ConfigError(result.issues, `invalid config ${path}`);
  return result.config;
}
