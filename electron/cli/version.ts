// The version `picket --version` prints: package.json's, read at build time into the bundle.
import pkg from '../../package.json' with { type: 'json' };

export const PICKET_VERSION: string = pkg.version;
