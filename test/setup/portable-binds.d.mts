// Types for portable-binds.mjs, plain JavaScript like the network guard beside it.
export declare function unportableBind(host: string | undefined, port: number | string | undefined): string | undefined;
