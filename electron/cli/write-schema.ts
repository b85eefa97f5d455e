// Writes docs/config.schema.json from the schema in code (npm run schema); a test keeps them equal.
import { writeFileSync } from 'node:fs';
import { configSchema } from '../shared/config-schema.ts';

writeFileSync(new URL('../../docs/config.schema.json', import.meta.url), `${JSON.stringify(configSchema, null, 2)}\n`);
