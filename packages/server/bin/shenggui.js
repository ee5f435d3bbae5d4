#!/usr/bin/env node
// The `shenggui` command: runs the compiled command line (npm run build first).
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err?.message ?? err);
      process.exitCode = 1;
    },
  );
