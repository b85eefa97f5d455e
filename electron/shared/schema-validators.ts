// The compiled JSON Schema validators behind config-validation.ts. ajv compiles schemas into code with
// new Function, which the dashboard's CSP (script-src 'self', no 'unsafe-eval') forbids; so the renderer
// build replaces this module with the same validators precompiled at build time (ajv's standalone code,
// see precompiledValidators in electron.vite.config.ts). Node, the CLI and the tests compile them here.
import type { ValidateFunction } from 'ajv';
import { ajv } from './ajv.ts';
import { SHAPE_SCHEMAS } from './shape-schemas.ts';

export const validateConfigShape: ValidateFunction = ajv.compile(SHAPE_SCHEMAS.config);
export const validateMonitorShape: ValidateFunction = ajv.compile(SHAPE_SCHEMAS.monitor);
export const validateSettingsShape: ValidateFunction = ajv.compile(SHAPE_SCHEMAS.settings);
export const validateChannelShape: ValidateFunction = ajv.compile(SHAPE_SCHEMAS.channel);
