// Web Crypto: the same in Node and in browsers.
export const newId = (): string => globalThis.crypto.randomUUID();
