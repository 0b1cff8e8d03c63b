// Types of scripts/electron-externals.mjs for the tests that import it.
export const NODE_EXTERNAL: string[];
export const NOT_PACKAGED: string[];
