// Types for electron-binary.mjs, which stays plain JavaScript so that `npm start` can run it before anything is built.
export declare function electronPlatformPath(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string;
export declare function installedElectronPath(options: { electronDir: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): string | undefined;
