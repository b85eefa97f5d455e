// Types for network-guard.mjs, which stays plain JavaScript so child processes can --import it.
export declare function isLoopbackAddress(address: string): boolean;
