// Types for gen-reference.mjs, so reference.test.ts can regenerate the reference modules in memory.
export function readCsv(name: string): Array<Record<string, string>>;
export function render(): Record<string, string>;
