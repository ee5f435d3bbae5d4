// Fails when the TypeScript sources import each other in a cycle (relative value imports; `import type`
// and tests do not count): a cycle means two modules that should share a smaller third one.
// Usage: node scripts/check-cycles.mjs [DIR…]   (default: packages/*/src)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const roots =
  process.argv.length > 2
    ? process.argv.slice(2)
    : ['domain', 'server', 'web'].map((p) => `packages/${p}/src`);
const files = new Set();
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!['node_modules', 'dist'].includes(e.name)) walk(p);
    } else if (/\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(e.name)) files.add(resolve(p));
  }
};
for (const r of roots) if (existsSync(r)) walk(r);

const target = (from, spec) => {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((c) =>
    files.has(c),
  );
};
const edges = new Map();
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/g;
for (const f of files) {
  const out = new Set();
  for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
    const t = target(f, m[1]);
    if (t) out.add(t);
  }
  edges.set(f, out);
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
let index = 0;
const stack = [];
const onStack = new Set();
const idx = new Map();
const low = new Map();
const cycles = [];
const visit = (v) => {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      c.push(relative(process.cwd(), w));
    } while (w !== v);
    if (c.length > 1) cycles.push(c.sort());
  }
};
for (const f of files) if (!idx.has(f)) visit(f);

for (const c of cycles) console.error(`import cycle: ${c.join(' <-> ')}`);
console.log(`${cycles.length} import cycles among ${files.size} files`);
process.exit(cycles.length > 0 ? 1 : 0);
