// The one Ajv: its options and its instance. Every schema Picket checks at run time (config, settings, channels,
// the contract's parameters, what the store reads back) is compiled by this instance, and the build precompiles
// the renderer's validators with the same options, so a value means the same everywhere.
import { Ajv, type Options } from 'ajv';

// allErrors: report every problem at once, not the first; strict: a misspelt keyword in a schema is an error,
// not a rule silently ignored; allowUnionTypes: { type: ['string', 'number'] }; verbose: errors carry the
// offending value, so a message can say "(got 70000)"; discriminator: a monitor is checked against the one
// branch its "type" names (see config-schema.ts).
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true, discriminator: true } as const satisfies Options;

/** Compiles with new Function: Node, the CLI and the tests only. The renderer's CSP forbids eval. */
export const ajv = new Ajv(AJV_OPTIONS);

/**
 * For the build (electron.vite.config.ts): the same options, emitting the validators as ES module source,
 * so the renderer loads them as plain code.
 */
export function standaloneAjv(): Ajv {
  return new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
}
